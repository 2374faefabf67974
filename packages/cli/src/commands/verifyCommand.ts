import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  SignInProblem,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ClientTokenEndpoint,
  createClientTokenEndpoint,
  DefaultEntraDirectory,
  EntraDirectory,
  EntraDirectoryConfig,
  verifySignIn,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Command } from 'commander';
import {
  AUTHORITY_HOST_VARIABLE,
  CredentialEndpointOptions,
  GRAPH_URL_VARIABLE,
} from '../environment/credentialEndpoints';
import { environmentDirectoryConfig } from '../environment/environmentDirectory';
import { VerifyExitCode } from '../exitCodes';
import {
  DeliveredSecrets,
  readDeliveredSecrets,
} from '../secrets/deliveredSecrets';
import { redactingOutput } from '../secrets/redactingOutput';
import { loadSpec } from '../spec/loadSpec';
import { CommandOutput, processOutput } from './CommandOutput';

/** Options of `camunda-entra verify`. */
export interface VerifyCommandOptions extends CredentialEndpointOptions {
  spec?: string;
  secrets?: string;
}

/** How verify reaches the tenant; tests swap in their own. */
export interface VerifyConnections {
  directory(config: EntraDirectoryConfig): EntraDirectory;
  tokens(config: EntraDirectoryConfig): ClientTokenEndpoint;
}

const TENANT: VerifyConnections = {
  directory: config => DefaultEntraDirectory.create(config),
  // The authority chosen for the automation identity's credentials, never the spec's.
  tokens: config => createClientTokenEndpoint(config),
};

/** `<client>: <what is wrong> (<AADSTS code>)`. */
function problemLine(problem: SignInProblem): string {
  const code = problem.entraError ? ` (${problem.entraError})` : '';
  return `${problem.client}: ${problem.message}${code}`;
}

function summary(spec: DeploymentSpec, result: SignInVerification): string {
  const problems =
    result.problems.length === 1
      ? '1 problem'
      : `${result.problems.length} problems`;
  return result.passed
    ? `Sign-in of ${spec.name} verified: ${result.checks} checks passed.`
    : `Sign-in of ${spec.name} NOT verified: ${problems} in ${result.checks} checks.`;
}

async function readInputs(
  options: VerifyCommandOptions,
  env: NodeJS.ProcessEnv,
): Promise<
  | {
      spec: DeploymentSpec;
      config: EntraDirectoryConfig;
      secrets: DeliveredSecrets;
    }
  | { problems: string[] }
> {
  const problems: string[] = [];
  if (!options.spec) {
    problems.push('spec: --spec <file> is required');
  }
  if (!options.secrets) {
    problems.push(
      'secrets: --secrets <file> (written by register) is required',
    );
  }
  const [loaded, secrets] = await Promise.all([
    options.spec ? loadSpec(options.spec, { requireClients: true }) : undefined,
    options.secrets ? readDeliveredSecrets(options.secrets) : undefined,
  ]);
  if (loaded && 'problems' in loaded) {
    problems.push(...loaded.problems);
  }
  if (secrets && 'problem' in secrets) {
    problems.push(`secrets: ${secrets.problem}`);
  }
  if (!loaded || !('spec' in loaded)) {
    return { problems };
  }
  const resolved = environmentDirectoryConfig(loaded.spec, options, env);
  if ('problems' in resolved) {
    problems.push(...resolved.problems);
  }
  if (
    problems.length > 0 ||
    'problems' in resolved ||
    !secrets ||
    'problem' in secrets
  ) {
    return { problems };
  }
  return { spec: loaded.spec, config: resolved.config, secrets };
}

/**
 * Runs `camunda-entra verify`: checks, changing nothing, that the spec's registered
 * applications sign in as the generated values configure them (see verifySignIn), with the
 * client secrets of `--secrets`, the Secret manifest `register` wrote. Prints one line per
 * problem and a summary; never a secret. Returns the exit code (see VerifyExitCode): a check
 * that failed and a tenant that could not be asked are both "not verified".
 */
export async function runVerifyCommand(
  options: VerifyCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
  connections: VerifyConnections = TENANT,
): Promise<number> {
  const inputs = await readInputs(options, env);
  if ('problems' in inputs) {
    inputs.problems.forEach(problem => output.stderr(problem));
    return VerifyExitCode.badInput;
  }
  const { spec, config, secrets } = inputs;
  const out = redactingOutput(output, secrets.texts);
  let result: SignInVerification;
  try {
    result = await verifySignIn({
      spec,
      directory: connections.directory(config),
      tokens: connections.tokens(config),
      secretFor: client => secrets.secretFor(client),
    });
  } catch (error) {
    out.stderr(
      `Sign-in of ${spec.name} could not be verified: ${stringifyError(error)}`,
    );
    return VerifyExitCode.notVerified;
  }
  result.problems.forEach(problem => out.stdout(problemLine(problem)));
  out.stdout(summary(spec, result));
  return result.passed ? VerifyExitCode.verified : VerifyExitCode.notVerified;
}

/**
 * Adds `verify --spec <file> --secrets <file> [--authority-host <url>] [--graph-url <url>]`
 * to the `camunda-entra` program.
 */
export function addVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      "Check, changing nothing, that the spec's registered applications sign in as its values configure them (credentials from AZURE_* variables)",
    )
    .addHelpText(
      'after',
      [
        '',
        'Checks each application (exists, platform, redirect URIs, v2 tokens), that each',
        'client secret in --secrets obtains a token, and that the tokens of Connectors and',
        'machine clients carry what the Orchestration Cluster accepts. One line per problem;',
        'exit 0 when every check passes, 1 otherwise, 2 for bad input. Secrets go only to the',
        "authority of the spec's tenant.cloud or the one --authority-host names.",
      ].join('\n'),
    )
    .option('--spec <file>', 'deployment spec with its clients, YAML or JSON')
    .option(
      '--secrets <file>',
      'the client secrets register wrote (--secrets-out), or the Secret read back from the cluster',
    )
    .option(
      '--authority-host <url>',
      `sign-in host that receives the credentials and client secrets (default: $${AUTHORITY_HOST_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    .option(
      '--graph-url <url>',
      `Microsoft Graph base URL, with or without /v1.0 (default: $${GRAPH_URL_VARIABLE}, else the spec's tenant.cloud's)`,
    )
    // Usage errors exit 2, as bad input does, so 1 always means "not verified".
    .exitOverride(error =>
      process.exit(error.exitCode === 0 ? 0 : VerifyExitCode.badInput),
    )
    .action(async (options: VerifyCommandOptions) => {
      process.exitCode = await runVerifyCommand(options, processOutput);
    });
}
