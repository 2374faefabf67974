import { stringifyError } from '@backstage/errors';
import {
  DefaultEntraDirectory,
  EntraDirectory,
  EntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Command } from 'commander';
import { access } from 'node:fs/promises';
import {
  AUTHORITY_HOST_VARIABLE,
  CredentialEndpointOptions,
  GRAPH_URL_VARIABLE,
} from '../environment/credentialEndpoints';
import { environmentDirectoryConfig } from '../environment/environmentDirectory';
import { ExitCode } from '../exitCodes';
import { defaultJournalPath, SecretJournal } from '../journal/secretJournal';
import { describePlan } from '../plan/describePlan';
import { RegisterStep, runRegistration } from '../register/runRegistration';
import { loadSpec } from '../spec/loadSpec';
import { CommandOutput, processOutput } from './CommandOutput';

/** Options of `camunda-entra register`. */
export interface RegisterCommandOptions extends CredentialEndpointOptions {
  spec: string;
  secretsOut?: string;
  /** Default: beside secretsOut, see defaultJournalPath. */
  journal?: string;
  dryRun?: boolean;
  adminConsent?: boolean;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Runs `camunda-entra register`: registers the spec's applications, prints the spec's
 * `clients:` block on stdout and writes new client secrets to `--secrets-out` (mode 0600,
 * never overwritten). Secrets go nowhere else but the private journal (`--journal`), which
 * lets a re-run after an interruption deliver them and remove the ones nobody has the text
 * of. Returns the exit code (see ExitCode); when registration failed, the secrets of the
 * applications that succeeded are still written.
 */
export async function runRegisterCommand(
  options: RegisterCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
  createDirectory: (config: EntraDirectoryConfig) => EntraDirectory = config =>
    DefaultEntraDirectory.create(config),
  step: RegisterStep = () => {},
): Promise<number> {
  const problems: string[] = [];
  if (!options.dryRun && !options.secretsOut) {
    problems.push('secrets-out: is required (unless --dry-run)');
  }
  if (
    options.secretsOut &&
    !options.dryRun &&
    (await exists(options.secretsOut))
  ) {
    problems.push(
      `secrets-out: ${options.secretsOut} exists; refusing to overwrite it`,
    );
  }
  const loaded = await loadSpec(options.spec);
  let config: EntraDirectoryConfig | undefined;
  if ('problems' in loaded) {
    problems.push(...loaded.problems);
  } else {
    const resolved = environmentDirectoryConfig(loaded.spec, options, env);
    if ('problems' in resolved) {
      problems.push(...resolved.problems);
    } else {
      config = resolved.config;
    }
  }
  if (problems.length > 0 || !('spec' in loaded) || !config) {
    problems.forEach(problem => output.stderr(problem));
    return ExitCode.badInput;
  }

  const { spec } = loaded;
  const journalFile =
    options.journal ??
    (options.secretsOut && defaultJournalPath(options.secretsOut, spec.name));
  const owner = { tenantId: spec.tenant.id, deployment: spec.name };
  let journal: SecretJournal | undefined;
  try {
    if (options.dryRun) {
      journal = journalFile
        ? await SecretJournal.read(journalFile, owner)
        : undefined;
    } else {
      journal = await SecretJournal.open(journalFile!, owner);
    }
  } catch (error) {
    output.stderr(stringifyError(error));
    return ExitCode.badInput;
  }
  const directory = createDirectory(config);
  if (options.dryRun) {
    try {
      output.stdout(await describePlan(directory, spec, journal));
      return ExitCode.success;
    } catch (error) {
      output.stderr(stringifyError(error));
      return ExitCode.failed;
    }
  }
  const run = await runRegistration(
    spec,
    directory,
    journal!,
    { spec: options.spec, secretsOut: options.secretsOut! },
    output,
    step,
  );
  return run.exitCode;
}

/**
 * Adds `register --spec <file> --secrets-out <file> [--dry-run] [--authority-host <url>]
 * [--graph-url <url>] [--admin-consent]` to the `camunda-entra` program.
 */
export function addRegisterCommand(program: Command): void {
  program
    .command('register')
    .description(
      "Register the spec's Entra applications (credentials from AZURE_* variables) and print its clients: block",
    )
    .addHelpText(
      'after',
      [
        '',
        "Credentials go only to the hosts of the spec's tenant.cloud or to those given by",
        '--authority-host and --graph-url (or their variables), never to the tenant.authorityHost',
        'or tenant.graphUrl of a spec: a spec naming other hosts than these is refused.',
        '',
        'Secrets it adds are named "camunda-entra cli <deployment>". Killed midway, it leaves its',
        'journal; the next run delivers the secrets the journal holds and removes those of its',
        'naming that nobody has the text of, so each confidential client ends with one secret.',
      ].join('\n'),
    )
    .requiredOption('--spec <file>', 'deployment spec, YAML or JSON')
    .option(
      '--secrets-out <file>',
      'new file for the client secrets (Kubernetes Secret manifest, mode 0600)',
    )
    .option(
      '--journal <file>',
      'private journal (mode 0600) of the secrets Entra returned, which a re-run after an interruption finishes (default: .camunda-entra-<deployment>.journal beside --secrets-out)',
    )
    .option(
      '--dry-run',
      'print what would be created or changed; change nothing',
    )
    .option(
      '--authority-host <url>',
      `sign-in host that receives the credentials (default: $${AUTHORITY_HOST_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    .option(
      '--graph-url <url>',
      `Microsoft Graph base URL, with or without /v1.0 (default: $${GRAPH_URL_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    .option(
      '--admin-consent',
      'grant tenant-wide consent for openid, profile, email, offline_access',
    )
    .action(async (options: RegisterCommandOptions) => {
      process.exitCode = await runRegisterCommand(options, processOutput);
    });
}
