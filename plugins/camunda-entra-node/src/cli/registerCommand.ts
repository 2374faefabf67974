import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  planEntraApplications,
  specClients,
  validateDeploymentSpec,
  describeSpecProblem,
} from '@camunda-entra/plugin-camunda-entra-common';
import { Command } from 'commander';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  applicationDrift,
  DefaultEntraDirectory,
  EntraDirectory,
  EntraDirectoryConfig,
  EntraApplicationInfo,
  EntraRegistrationError,
  RegisteredApplication,
} from '../directory';
import { entraSecretKey } from '../values';
import {
  AUTHORITY_HOST_VARIABLE,
  CredentialEndpointOptions,
  GRAPH_URL_VARIABLE,
} from './credentialEndpoints';
import { environmentDirectoryConfig } from './environmentDirectory';
import {
  cliSecretName,
  convergeSecret,
  decideSecret,
  SecretOutcome,
} from './cliSecrets';
import {
  defaultJournalPath,
  JournaledSecret,
  SecretJournal,
  writeNewPrivateFile,
} from './secretJournal';
import { CommandOutput, readSpecFile } from './valuesCommand';

/** Exit codes of `camunda-entra register`. */
const EXIT_BAD_INPUT = 1;
const EXIT_FAILED = 2;

/**
 * Options of `camunda-entra register`.
 *
 * @public
 */
export interface RegisterCommandOptions extends CredentialEndpointOptions {
  spec: string;
  secretsOut?: string;
  /** Default: beside secretsOut, see defaultJournalPath. */
  journal?: string;
  dryRun?: boolean;
  adminConsent?: boolean;
}

/** The spec's `clients:` block, ready to paste into the spec. */
function clientsBlock(registered: RegisteredApplication[]): string {
  // Machine clients' IDs go under clients.machine, where the spec keeps them.
  const clients = specClients(
    Object.fromEntries(registered.map(r => [r.client, r.appId])),
  );
  return stringify({ clients });
}

/**
 * The new client secrets as the Kubernetes Secret the values reference, keyed as the guide
 * names them; applying it adds or replaces only these keys.
 */
function secretsManifest(
  spec: DeploymentSpec,
  secrets: JournaledSecret[],
): string {
  const withSecret = secrets.filter(s => entraSecretKey(s.client));
  const header = [
    `# Client secrets of the Camunda deployment "${spec.name}", from camunda-entra register.`,
    '# Apply with kubectl apply -f <this file>, then delete this file.',
    ...withSecret.map(
      s => `#   ${s.client}: keyId ${s.keyId}, expires ${s.endDateTime}`,
    ),
  ];
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: spec.secrets.entra, namespace: spec.namespace },
    type: 'Opaque',
    stringData: Object.fromEntries(
      withSecret.map(s => [entraSecretKey(s.client)!, s.secretText]),
    ),
  };
  return `${header.join('\n')}\n${stringify(manifest)}`;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

function plannedAction(found: boolean, drift: string[]) {
  if (!found) {
    return 'create';
  }
  return drift.length > 0 ? 'update' : 'unchanged';
}

/** What a run would do about a confidential application's secret, for the dry run. */
function plannedSecret(
  spec: DeploymentSpec,
  current: EntraApplicationInfo | undefined,
  journal: SecretJournal | undefined,
) {
  if (!current) {
    return { secret: `create (${spec.secretLifetimeDays} days)` };
  }
  const decision = decideSecret(current.passwordCredentials, {
    name: cliSecretName(spec.name),
    existing: journal?.existingKeyIds(current.objectId),
    journaled: journal?.secretsOf(current.objectId) ?? [],
  });
  let secret = 'keep the existing one';
  if (decision.recovered) {
    secret = `deliver ${decision.recovered.keyId}, added by the interrupted run`;
  } else if (decision.add) {
    secret = `create (${spec.secretLifetimeDays} days)`;
  }
  return {
    secret,
    ...(decision.orphans.length > 0 && { removeOrphans: decision.orphans }),
  };
}

/** What registration would do, read from the directory without changing it. */
async function describePlan(
  directory: EntraDirectory,
  spec: DeploymentSpec,
  journal: SecretJournal | undefined,
): Promise<string> {
  const applications = await Promise.all(
    planEntraApplications(spec).map(async plan => {
      const current = await directory.getApplication({
        uniqueName: plan.uniqueName,
      });
      const drift = current ? applicationDrift(plan, spec.name, current) : [];
      const secret = plan.needsSecret
        ? plannedSecret(spec, current, journal)
        : { secret: 'none (public client)' };
      return {
        client: plan.client,
        uniqueName: plan.uniqueName,
        displayName: plan.displayName,
        action: plannedAction(current !== undefined, drift),
        ...(drift.length > 0 && { changes: drift }),
        ...(current && { appId: current.appId }),
        platform: plan.platform,
        redirectUris: plan.redirectUris,
        ...secret,
      };
    }),
  );
  return `# Dry run: nothing was created or changed.\n${stringify({
    applications,
  })}`;
}

/**
 * The steps of a run, in order: `applications` (all registered, no secret yet), `accepted:<n>`
 * (Entra returned the n-th secret, not journaled yet), `journaled:<n>` and `secrets-file`
 * (every secret journaled, the file not written). Tests interrupt a run at one of them
 * (src/cli/__testUtils__/registerKilledAt.js); the CLI passes none.
 */
export type RegisterStep = (point: string) => void;

/**
 * Runs `camunda-entra register`: registers the spec's applications, prints the spec's
 * `clients:` block on stdout and writes new client secrets to `--secrets-out` (mode 0600,
 * never overwritten). Secrets go nowhere else but the private journal (`--journal`), which
 * lets a re-run after an interruption deliver them and remove the ones nobody has the text
 * of. Returns the exit code: 0 success, 1 bad input, 2 registration failed (secrets of the
 * applications that succeeded are still written).
 *
 * @public
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
  const file = await readSpecFile(options.spec);
  const validation =
    'input' in file ? validateDeploymentSpec(file.input) : undefined;
  if ('problem' in file) {
    problems.push(`spec: ${file.problem}`);
  } else if (validation && !validation.valid) {
    problems.push(...validation.problems.map(describeSpecProblem));
  }
  let config: EntraDirectoryConfig | undefined;
  if (validation?.valid) {
    const resolved = environmentDirectoryConfig(validation.spec, options, env);
    if ('problems' in resolved) {
      problems.push(...resolved.problems);
    } else {
      config = resolved.config;
    }
  }
  if (problems.length > 0 || !validation?.valid || !config) {
    problems.forEach(problem => output.stderr(problem));
    return EXIT_BAD_INPUT;
  }

  const { spec } = validation;
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
    return EXIT_BAD_INPUT;
  }
  const directory = createDirectory(config);
  if (options.dryRun) {
    try {
      output.stdout(await describePlan(directory, spec, journal));
      return 0;
    } catch (error) {
      output.stderr(stringifyError(error));
      return EXIT_FAILED;
    }
  }
  return register(spec, directory, journal!, options, output, step);
}

/** One line of what happened to the confidential clients' secrets. */
function secretsSummary(outcomes: SecretOutcome[], failed: number): string {
  const added = outcomes.filter(o => o.secret?.added).length;
  const recovered = outcomes.filter(o => o.secret && !o.secret.added).length;
  const kept = outcomes.filter(o => !o.secret).length;
  const orphans = outcomes.reduce((sum, o) => sum + o.orphansRemoved, 0);
  return `Client secrets: ${added} added, ${recovered} recovered from an interrupted run, ${kept} kept, ${orphans} orphans removed, ${failed} failed.`;
}

/**
 * Registers the applications (without secrets), then converges each confidential one's
 * secret through the journal, writes the secrets file and deletes the journal.
 */
async function register(
  spec: DeploymentSpec,
  directory: EntraDirectory,
  journal: SecretJournal,
  options: RegisterCommandOptions,
  output: CommandOutput,
  step: RegisterStep,
): Promise<number> {
  if (journal.resumed) {
    output.stderr(`Resuming the interrupted run recorded in ${journal.file}.`);
  }
  let registered: RegisteredApplication[];
  let failure: EntraRegistrationError | undefined;
  try {
    registered = await directory.registerDeployment(
      spec,
      { secrets: 'never', source: path.resolve(options.spec) },
      progress => output.stderr(`${progress.client}: ${progress.message}`),
    );
  } catch (error) {
    if (!(error instanceof EntraRegistrationError)) {
      output.stderr(stringifyError(error));
      return EXIT_FAILED;
    }
    registered = error.registered;
    failure = error;
  }
  step('applications');

  const plans = planEntraApplications(spec);
  const confidential = new Set(
    plans.filter(plan => plan.needsSecret).map(plan => plan.client),
  );
  const targets = registered.filter(r => confidential.has(r.client));
  let accepted = 0;
  let journaled = 0;
  const settled = await Promise.allSettled(
    targets.map(r =>
      convergeSecret(directory, journal, r, {
        name: cliSecretName(spec.name),
        lifetimeDays: spec.secretLifetimeDays,
        onAccepted: () => step(`accepted:${++accepted}`),
        onJournaled: () => step(`journaled:${++journaled}`),
      }),
    ),
  );
  const outcomes = settled.flatMap(r =>
    r.status === 'fulfilled' ? [r.value] : [],
  );
  const problems = settled.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`${targets[i].client}: ${(r.reason as Error).message}`]
      : [],
  );
  const delivered = outcomes.flatMap(o => (o.secret ? [o.secret] : []));
  const secretsFailed = problems.length;
  step('secrets-file');

  let written = false;
  if (delivered.length > 0) {
    try {
      // Created exclusively, so a file appearing meanwhile is not overwritten either; on
      // disk before the journal, which holds the same secrets, is deleted.
      await writeNewPrivateFile(
        options.secretsOut!,
        secretsManifest(spec, delivered),
      );
      written = true;
    } catch (error) {
      // The journal still holds them: the next run delivers them.
      problems.push(`secrets-out: ${stringifyError(error)}`);
    }
  }
  if (written) {
    output.stderr(
      `Wrote ${delivered.length} client secrets to ${options.secretsOut} (mode 0600).`,
    );
  } else if (delivered.length > 0) {
    output.stderr(
      `No client secrets were written to ${options.secretsOut} (below).`,
    );
  } else if (failure || problems.length > 0) {
    output.stderr(
      `No client secrets were written to ${options.secretsOut}: registration failed (below) before any was added; clients that have none get one when register runs again.`,
    );
  } else {
    output.stderr(
      'No new client secrets: every confidential client already has one.',
    );
  }
  if (problems.length === 0 && !failure) {
    // What it holds is in the secrets file now.
    await journal.delete();
  } else {
    // Orphans it could not remove, and secrets of applications whose registration failed
    // (never converged, so never delivered), are known only through the journal.
    output.stderr(
      `Kept ${journal.file}: running register again finishes what failed.`,
    );
  }
  const registrationFailed =
    failure?.failures.filter(f => confidential.has(f.client)).length ?? 0;
  output.stderr(secretsSummary(outcomes, registrationFailed + secretsFailed));
  const created = registered.filter(r => r.created).length;
  output.stderr(
    `Applications: ${created} created, ${
      registered.length - created
    } already existed, ${plans.length - registered.length} failed.`,
  );
  output.stdout(clientsBlock(registered));
  if (failure) {
    problems.unshift(failure.message);
  }
  problems.forEach(problem => output.stderr(problem));
  return problems.length > 0 ? EXIT_FAILED : 0;
}

/**
 * Adds `register --spec <file> --secrets-out <file> [--dry-run] [--authority-host <url>]
 * [--graph-url <url>] [--admin-consent]` to the `camunda-entra` program.
 *
 * @public
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
      process.exitCode = await runRegisterCommand(options, {
        stdout: line => process.stdout.write(`${line}\n`),
        stderr: line => process.stderr.write(`${line}\n`),
      });
    });
}
