import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  planEntraApplications,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { Command } from 'commander';
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  applicationDrift,
  DefaultEntraDirectory,
  EntraDirectory,
  EntraDirectoryConfig,
  EntraDirectoryConfigInput,
  EntraRegistrationError,
  hasUnexpiredSecret,
  RegisteredApplication,
  resolveEntraDirectoryConfig,
} from '../directory';
import { entraSecretKey } from '../values';
import {
  AUTHORITY_HOST_VARIABLE,
  chooseCredentialEndpoints,
  CredentialEndpointOptions,
  CredentialEndpoints,
  GRAPH_URL_VARIABLE,
} from './credentialEndpoints';
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
  dryRun?: boolean;
  adminConsent?: boolean;
}

/**
 * Directory settings from the standard Azure environment variables and the spec's tenant,
 * sending credentials only to `endpoints` (see chooseCredentialEndpoints).
 *
 * @public
 */
export function directoryConfigFromEnvironment(
  env: NodeJS.ProcessEnv,
  spec: DeploymentSpec,
  endpoints: CredentialEndpoints,
  options: Pick<RegisterCommandOptions, 'adminConsent'>,
): EntraDirectoryConfigInput {
  return {
    tenantId: env.AZURE_TENANT_ID ?? spec.tenant.id,
    clientId: env.AZURE_CLIENT_ID,
    clientSecret: env.AZURE_CLIENT_SECRET,
    certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH,
    federatedTokenFile: env.AZURE_FEDERATED_TOKEN_FILE,
    cloud: spec.tenant.cloud,
    authorityHost: endpoints.authorityHost,
    graphUrl: endpoints.graphUrl,
    // Node trusts it for its own TLS already; undici's and MSAL's agents need it passed.
    caFile: env.NODE_EXTRA_CA_CERTS,
    secretLifetimeDays: spec.secretLifetimeDays,
    grantAdminConsent: options.adminConsent ?? false,
  };
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
  registered: RegisteredApplication[],
): string {
  const withSecret = registered.filter(
    r => r.secret && entraSecretKey(r.client),
  );
  const header = [
    `# Client secrets of the Camunda deployment "${spec.name}", from camunda-entra register.`,
    '# Apply with kubectl apply -f <this file>, then delete this file.',
    ...withSecret.map(
      r =>
        `#   ${r.client}: keyId ${r.secret!.keyId}, expires ${
          r.secret!.endDateTime
        }`,
    ),
  ];
  const manifest = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: spec.secrets.entra, namespace: spec.namespace },
    type: 'Opaque',
    stringData: Object.fromEntries(
      withSecret.map(r => [entraSecretKey(r.client)!, r.secret!.secretText]),
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

/** What registration would do, read from the directory without changing it. */
async function describePlan(
  directory: EntraDirectory,
  spec: DeploymentSpec,
): Promise<string> {
  const applications = await Promise.all(
    planEntraApplications(spec).map(async plan => {
      const current = await directory.getApplication({
        uniqueName: plan.uniqueName,
      });
      const drift = current ? applicationDrift(plan, spec.name, current) : [];
      let secret = 'none (public client)';
      if (plan.needsSecret) {
        secret =
          current && hasUnexpiredSecret(current.passwordCredentials)
            ? 'keep the existing one'
            : `create (${spec.secretLifetimeDays} days)`;
      }
      return {
        client: plan.client,
        uniqueName: plan.uniqueName,
        displayName: plan.displayName,
        action: plannedAction(current !== undefined, drift),
        ...(drift.length > 0 && { changes: drift }),
        ...(current && { appId: current.appId }),
        platform: plan.platform,
        redirectUris: plan.redirectUris,
        secret,
      };
    }),
  );
  return `# Dry run: nothing was created or changed.\n${stringify({
    applications,
  })}`;
}

/**
 * Runs `camunda-entra register`: registers the spec's applications, prints the spec's
 * `clients:` block on stdout and writes new client secrets to `--secrets-out` (mode 0600,
 * never overwritten). Secrets go nowhere else. Returns the exit code: 0 success, 1 bad
 * input, 2 registration failed (secrets of the applications that succeeded are still
 * written).
 *
 * @public
 */
export async function runRegisterCommand(
  options: RegisterCommandOptions,
  output: CommandOutput,
  env: NodeJS.ProcessEnv = process.env,
  createDirectory: (config: EntraDirectoryConfig) => EntraDirectory = config =>
    DefaultEntraDirectory.create(config),
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
    problems.push(
      ...validation.problems.map(p => `${p.field || '(spec)'}: ${p.message}`),
    );
  }
  let config: EntraDirectoryConfig | undefined;
  if (validation?.valid) {
    const { spec } = validation;
    if (
      env.AZURE_TENANT_ID &&
      env.AZURE_TENANT_ID.toLowerCase() !== spec.tenant.id.toLowerCase()
    ) {
      problems.push(
        `tenant.id: the spec's tenant ${spec.tenant.id} is not AZURE_TENANT_ID ${env.AZURE_TENANT_ID}`,
      );
    }
    const choice = chooseCredentialEndpoints(spec.tenant, options, env);
    if ('problems' in choice) {
      problems.push(...choice.problems);
    } else {
      try {
        config = resolveEntraDirectoryConfig(
          directoryConfigFromEnvironment(env, spec, choice.endpoints, options),
        );
      } catch (error) {
        problems.push(`environment: ${stringifyError(error)}`);
      }
    }
  }
  if (problems.length > 0 || !validation?.valid || !config) {
    problems.forEach(problem => output.stderr(problem));
    return EXIT_BAD_INPUT;
  }

  const { spec } = validation;
  const directory = createDirectory(config);
  if (options.dryRun) {
    try {
      output.stdout(await describePlan(directory, spec));
      return 0;
    } catch (error) {
      output.stderr(stringifyError(error));
      return EXIT_FAILED;
    }
  }

  let registered: RegisteredApplication[];
  let failure: Error | undefined;
  try {
    registered = await directory.registerDeployment(
      spec,
      { secrets: 'missing', source: path.resolve(options.spec) },
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

  if (registered.some(r => r.secret)) {
    // 'wx': created exclusively, so a file appearing meanwhile is not overwritten either.
    await writeFile(options.secretsOut!, secretsManifest(spec, registered), {
      mode: 0o600,
      flag: 'wx',
    });
    output.stderr(
      `Wrote ${registered.filter(r => r.secret).length} new client secrets to ${
        options.secretsOut
      } (mode 0600).`,
    );
  } else if (failure) {
    output.stderr(
      `No client secrets were written to ${options.secretsOut}: registration failed (below) before any was added; clients that have none get one when register runs again.`,
    );
  } else {
    output.stderr(
      'No new client secrets: every confidential client already has one.',
    );
  }
  const created = registered.filter(r => r.created).length;
  output.stderr(
    `${created} applications created, ${
      registered.length - created
    } already existed.`,
  );
  output.stdout(clientsBlock(registered));
  if (failure) {
    output.stderr(failure.message);
    return EXIT_FAILED;
  }
  return 0;
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
      ].join('\n'),
    )
    .requiredOption('--spec <file>', 'deployment spec, YAML or JSON')
    .option(
      '--secrets-out <file>',
      'new file for the client secrets (Kubernetes Secret manifest, mode 0600)',
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
