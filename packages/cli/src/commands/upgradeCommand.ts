import { stringifyError } from '@backstage/errors';
import {
  CHART_LINES,
  ChartLine,
  deploymentClientIds,
  DeploymentSpec,
  formatSpecProblems,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  EntraDirectory,
  EntraDirectoryConfig,
  entraSecretKey,
  GeneratedRepository,
  generateValuesRepository,
  outputDirectoryProblem,
  planUpgrade,
  UpgradeInput,
  UpgradePlan,
  writeValuesRepository,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Command } from 'commander';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  AUTHORITY_HOST_VARIABLE,
  CredentialEndpointOptions,
  GRAPH_URL_VARIABLE,
} from '../environment/credentialEndpoints';
import { environmentDirectoryConfig } from '../environment/environmentDirectory';
import { ExitCode } from '../exitCodes';
import { defaultJournalPath, SecretJournal } from '../journal/secretJournal';
import { describeUpgrade } from '../plan/describeUpgrade';
import { runRegistration } from '../register/runRegistration';
import { loadSpec, readSpecFile } from '../spec/loadSpec';
import { CommandOutput, processOutput } from './CommandOutput';

/** Options of `camunda-entra upgrade`. */
export interface UpgradeCommandOptions extends CredentialEndpointOptions {
  spec: string;
  to: string;
  /** YAML or JSON with what the target line needs that the spec lacks (UpgradeInput). */
  with?: string;
  out?: string;
  apply?: boolean;
  finish?: boolean;
  dryRun?: boolean;
  secretsOut?: string;
  journal?: string;
  adminConsent?: boolean;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** The problems of the options on their own, before the spec is read. */
async function optionProblems(
  options: UpgradeCommandOptions,
): Promise<string[]> {
  const problems: string[] = [];
  if (!(CHART_LINES as readonly string[]).includes(options.to)) {
    problems.push(`to: must be one of ${CHART_LINES.join(', ')}`);
  }
  if (options.apply && options.finish) {
    problems.push(
      'finish: --apply and --finish are separate steps: finish once the new line runs',
    );
  }
  const writes = !options.finish && !options.dryRun;
  if (writes && !options.out) {
    problems.push('out: is required (unless --finish or --dry-run)');
  }
  if (!writes && options.out) {
    problems.push('out: is not used with --finish or --dry-run');
  }
  const outProblem =
    writes && options.out && (await outputDirectoryProblem(options.out));
  if (outProblem) {
    problems.push(`out: ${outProblem}`);
  }
  if (options.apply && !options.dryRun) {
    if (!options.secretsOut) {
      problems.push('secrets-out: is required with --apply');
    } else if (await exists(options.secretsOut)) {
      problems.push(
        `secrets-out: ${options.secretsOut} exists; refusing to overwrite it`,
      );
    }
  }
  return problems;
}

/** The spec and the plan, or every problem found on the way. */
async function loadPlan(
  options: UpgradeCommandOptions,
): Promise<
  { spec: DeploymentSpec; plan: UpgradePlan } | { problems: string[] }
> {
  const [loaded, input] = await Promise.all([
    loadSpec(options.spec, { requireClients: true }),
    options.with ? readSpecFile(options.with) : { input: {} },
  ]);
  if ('problem' in input) {
    return { problems: [`with: ${input.problem}`] };
  }
  if ('problems' in loaded) {
    return loaded;
  }
  const planned = planUpgrade(
    loaded.spec,
    options.to as ChartLine,
    input.input as UpgradeInput,
  );
  if (!planned.valid) {
    return {
      problems: planned.problems.map(problem => formatSpecProblems([problem])),
    };
  }
  return { spec: loaded.spec, plan: planned.plan };
}

async function writeRepository(
  out: string,
  repository: GeneratedRepository,
  output: CommandOutput,
): Promise<number> {
  try {
    await writeValuesRepository(out, repository);
  } catch (error) {
    output.stderr(stringifyError(error));
    return ExitCode.failed;
  }
  output.stderr(
    `Wrote ${repository.files.length} files to ${out}: ${repository.files
      .map(file => file.path)
      .join(', ')}`,
  );
  return ExitCode.success;
}

/**
 * Finishes an upgrade once the new line runs: registers the changed applications again with
 * the new line's redirect URIs alone and deletes the applications only the old line used.
 * A second run changes nothing.
 */
async function finishUpgrade(
  plan: UpgradePlan,
  directory: EntraDirectory,
  options: UpgradeCommandOptions,
  output: CommandOutput,
): Promise<number> {
  try {
    if (plan.steps.finish.length > 0) {
      await directory.registerDeployment(
        plan.steps.finish,
        {
          deployment: plan.spec.name,
          secrets: 'never',
          source: path.resolve(options.spec),
        },
        progress => output.stderr(`${progress.client}: ${progress.message}`),
      );
    }
    let removed = 0;
    for (const { client, uniqueName } of plan.steps.remove) {
      const application = await directory.getApplication({ uniqueName });
      if (application) {
        await directory.removeApplication(application.objectId);
        output.stderr(`${client}: removed ${uniqueName}`);
        removed += 1;
      }
    }
    output.stderr(
      `Applications: ${removed} removed, ${
        plan.steps.remove.length - removed
      } already gone, ${
        plan.steps.finish.length
      } registered again with the new line's redirect URIs only.`,
    );
    const keys = plan.steps.remove.flatMap(
      ({ client }) => entraSecretKey(client) ?? [],
    );
    if (keys.length > 0) {
      output.stderr(
        `The Secret ${
          plan.spec.secrets.entra
        } no longer needs the keys ${keys.join(', ')}.`,
      );
    }
    return ExitCode.success;
  } catch (error) {
    output.stderr(stringifyError(error));
    return ExitCode.failed;
  }
}

/**
 * Applies an upgrade: registers the new line's applications (the changed ones with both
 * lines' redirect URIs) through the same path as `register`, its journal and secrets file
 * included, then writes the new repository with their client IDs and prints the new spec.
 */
async function applyUpgrade(
  plan: UpgradePlan,
  directory: EntraDirectory,
  options: UpgradeCommandOptions,
  output: CommandOutput,
): Promise<number> {
  const { spec } = plan;
  const journalFile =
    options.journal ?? defaultJournalPath(options.secretsOut!, spec.name);
  let journal: SecretJournal;
  try {
    journal = await SecretJournal.open(journalFile, {
      tenantId: spec.tenant.id,
      deployment: spec.name,
    });
  } catch (error) {
    output.stderr(stringifyError(error));
    return ExitCode.badInput;
  }
  const run = await runRegistration(
    spec,
    directory,
    journal,
    {
      spec: options.spec,
      secretsOut: options.secretsOut!,
      plans: plan.steps.apply,
    },
    output,
    () => {},
  );
  if (run.exitCode !== ExitCode.success) {
    return run.exitCode;
  }
  const registered = validateDeploymentSpec(
    {
      ...spec,
      clients: specClients({
        ...deploymentClientIds(spec.clients),
        ...Object.fromEntries(run.registered.map(r => [r.client, r.appId])),
      }),
    },
    { requireClients: true },
  );
  if (!registered.valid) {
    output.stderr(formatSpecProblems(registered.problems));
    return ExitCode.failed;
  }
  const written = await writeRepository(
    options.out!,
    generateValuesRepository(registered.spec),
    output,
  );
  // A YAML document of its own after the plan and the clients block.
  output.stdout(
    `---\n# The spec on ${
      plan.to
    }, with the new client IDs: use it instead of ${
      options.spec
    } once the upgrade is finished.\n${stringify(registered.spec)}`,
  );
  return written;
}

/**
 * Runs `camunda-entra upgrade`: plans the upgrade of a registered spec to the next line and
 * prints it; then, as asked, writes the new repository (`--out`), applies the additions and
 * changes (`--apply`) or finishes with the removals (`--finish`). Returns the exit code (see
 * ExitCode).
 */
export async function runUpgradeCommand(
  options: UpgradeCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
  createDirectory: (config: EntraDirectoryConfig) => EntraDirectory = config =>
    DefaultEntraDirectory.create(config),
): Promise<number> {
  const problems = await optionProblems(options);
  const loaded = problems.length === 0 ? await loadPlan(options) : undefined;
  if (loaded && 'problems' in loaded) {
    problems.push(...loaded.problems);
  }
  let config: EntraDirectoryConfig | undefined;
  if (loaded && 'plan' in loaded && (options.apply || options.finish)) {
    const resolved = environmentDirectoryConfig(loaded.spec, options, env);
    if ('problems' in resolved) {
      problems.push(...resolved.problems);
    } else {
      config = resolved.config;
    }
  }
  if (problems.length > 0 || !loaded || !('plan' in loaded)) {
    problems.forEach(problem => output.stderr(problem));
    return ExitCode.badInput;
  }

  const { plan } = loaded;
  output.stdout(describeUpgrade(plan));
  if (options.dryRun) {
    return ExitCode.success;
  }
  if (config && options.finish) {
    return finishUpgrade(plan, createDirectory(config), options, output);
  }
  if (config && options.apply) {
    return applyUpgrade(plan, createDirectory(config), options, output);
  }
  if (plan.pendingClients.length > 0) {
    output.stderr(
      `values.yaml names ${plan.pendingClients.join(
        ', ',
      )} by a placeholder until --apply registers them; run with --apply to write the repository with their client IDs.`,
    );
  }
  return writeRepository(options.out!, plan.repository, output);
}

/**
 * Adds `upgrade --spec <file> --to <line> [--with <file>] [--out <dir>] [--apply
 * --secrets-out <file>] [--finish] [--dry-run]` to the `camunda-entra` program.
 */
export function addUpgradeCommand(program: Command): void {
  program
    .command('upgrade')
    .description(
      "Plan a registered deployment's upgrade to the next Camunda line, write its new repository, and apply or finish its Entra changes",
    )
    .addHelpText(
      'after',
      [
        '',
        'Run the steps in order. --apply registers what the new line needs (nothing the old',
        'line uses is removed, so it still signs in) and writes the new repository; deploy it;',
        'then --finish removes what only the old line used. Each step can run again and then',
        'changes nothing.',
      ].join('\n'),
    )
    .requiredOption(
      '--spec <file>',
      'the registered deployment spec, YAML or JSON',
    )
    .requiredOption(
      '--to <line>',
      `the next chart line (${CHART_LINES.join(', ')})`,
    )
    .option(
      '--with <file>',
      'YAML or JSON with what the new line needs that the spec lacks: databases, secondaryStorage, camundaHub (8.10)',
    )
    .option(
      '--out <dir>',
      'directory to create for the new repository; must be absent or empty',
    )
    .option(
      '--apply',
      "register the new line's applications and changes, keeping what the old line uses",
    )
    .option(
      '--finish',
      'once the new line runs: remove what only the old line used',
    )
    .option('--dry-run', 'print the plan; write and change nothing')
    .option(
      '--secrets-out <file>',
      'with --apply: new file for the new client secrets (Kubernetes Secret manifest, mode 0600)',
    )
    .option(
      '--journal <file>',
      'with --apply: private journal of the secrets Entra returned (default: beside --secrets-out)',
    )
    .option(
      '--authority-host <url>',
      `sign-in host that receives the credentials (default: $${AUTHORITY_HOST_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    .option(
      '--graph-url <url>',
      `Microsoft Graph base URL (default: $${GRAPH_URL_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    .option(
      '--admin-consent',
      'grant tenant-wide consent for openid, profile, email, offline_access',
    )
    .action(async (options: UpgradeCommandOptions) => {
      process.exitCode = await runUpgradeCommand(options, processOutput);
    });
}
