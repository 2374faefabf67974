/**
 * The `entra-sandbox` command, which the package's bin runs.
 *
 * @packageDocumentation
 */

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENTRA_SANDBOX_DEV_DEFAULTS } from './devDefaults';
import { readSandboxDirectoryFile } from './directory/directoryFile';
import {
  ENTRA_SANDBOX_DEFAULT_ROLES,
  ENTRA_SANDBOX_GRAPH_ROLES,
} from './oidc/identities';
import { startEntraSandbox } from './startEntraSandbox';

// The example organisation, when run from the repository root (as `yarn entra-sandbox` is).
const EXAMPLE_DIRECTORY = 'examples/entra-directory.yaml';
// The dev portal's OIDC callback (backend.baseUrl of app-config.yaml).
const PORTAL_REDIRECT_URI = 'http://localhost:7007/api/auth/oidc/handler/frame';

const USAGE = `Usage: entra-sandbox [options]

A local stand-in for Entra ID and Microsoft Graph on https://127.0.0.1.

  --port <n>                    port (default ${ENTRA_SANDBOX_DEV_DEFAULTS.port}; 0 picks a free one)
  --browser-port <n>            plain-HTTP port of the sign-in pages (default ${ENTRA_SANDBOX_DEV_DEFAULTS.browserPort})
  --key-vault-port <n>          also serve Key Vault's secrets (e.g. ${ENTRA_SANDBOX_DEV_DEFAULTS.keyVaultPort}; off by default)
  --directory <file>            users and groups (YAML; default examples/entra-directory.yaml in the repository)
  --redirect-uri <url>          redirect URI of the sign-in client, repeatable (default the dev portal's)
  --state <file>                keep keys, CA and directory in this JSON file across restarts
  --ca-file <file>              where to write the CA certificate
  --tenant-id <guid>            tenant (default the development tenant)
  --client-id <guid>            automation identity's client ID (default the development one)
  --client-secret <text>        automation identity's secret (default the development one)
  --latency-ms <n>              delay every request
  --replication-delay-ms <n>    keep new objects invisible to reads for this long
  --server-error-rate <0..1>    answer this fraction of Graph requests with 503
  --server-error-after-write-rate <0..1>
                                apply this fraction of writes, then answer them 503
  --throttle-every-nth-write <n> answer every n-th write with 429 (Retry-After: 1)
  --max-secret-lifetime-days <n>  tenant policy: reject longer client secrets
  --help`;

function number(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/**
 * `yarn entra-sandbox`: starts the sandbox and prints how to use it.
 *
 * @public
 */
export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.slice(2),
    options: {
      port: { type: 'string' },
      'browser-port': { type: 'string' },
      'key-vault-port': { type: 'string' },
      directory: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      state: { type: 'string' },
      'ca-file': { type: 'string' },
      'tenant-id': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'latency-ms': { type: 'string' },
      'replication-delay-ms': { type: 'string' },
      'server-error-rate': { type: 'string' },
      'server-error-after-write-rate': { type: 'string' },
      'throttle-every-nth-write': { type: 'string' },
      'max-secret-lifetime-days': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const stateFile = values.state && path.resolve(values.state);
  const directoryFile =
    values.directory !== undefined
      ? path.resolve(values.directory)
      : fs.existsSync(EXAMPLE_DIRECTORY) && path.resolve(EXAMPLE_DIRECTORY);
  const { signIn } = ENTRA_SANDBOX_DEV_DEFAULTS;
  const redirectUris = values['redirect-uri'] ?? [PORTAL_REDIRECT_URI];
  const sandbox = await startEntraSandbox({
    ...(directoryFile && readSandboxDirectoryFile(directoryFile)),
    port: number(values.port) ?? ENTRA_SANDBOX_DEV_DEFAULTS.port,
    browserPort:
      number(values['browser-port']) ?? ENTRA_SANDBOX_DEV_DEFAULTS.browserPort,
    keyVaultPort: number(values['key-vault-port']),
    stateFile,
    caFile: values['ca-file'] && path.resolve(values['ca-file']),
    tenantId: values['tenant-id'] ?? ENTRA_SANDBOX_DEV_DEFAULTS.tenantId,
    identities: [
      {
        clientId: values['client-id'] ?? ENTRA_SANDBOX_DEV_DEFAULTS.clientId,
        clientSecret:
          values['client-secret'] ?? ENTRA_SANDBOX_DEV_DEFAULTS.clientSecret,
        displayName: 'Camunda Entra automation (sandbox)',
        keyVaultRoles: ['Key Vault Secrets Officer'],
        // The product's permissions, and reading people and groups as the portal's catalog does.
        roles: [
          ...ENTRA_SANDBOX_DEFAULT_ROLES,
          ENTRA_SANDBOX_GRAPH_ROLES.userReadAll,
          ENTRA_SANDBOX_GRAPH_ROLES.groupMemberReadAll,
        ],
      },
    ],
    signInClients: [
      {
        clientId: signIn.clientId,
        clientSecret: signIn.clientSecret,
        redirectUris,
        displayName: 'Camunda Entra portal sign-in (sandbox)',
      },
    ],
    faults: {
      latencyMs: number(values['latency-ms']),
      replicationDelayMs: number(values['replication-delay-ms']),
      serverErrorRate: number(values['server-error-rate']),
      serverErrorAfterWriteRate: number(
        values['server-error-after-write-rate'],
      ),
      throttleEveryNthWrite: number(values['throttle-every-nth-write']),
    },
    maxPasswordLifetimeDays: number(values['max-secret-lifetime-days']),
  });
  // Sandbox-only credentials: printing them is the point.
  process.stdout.write(
    [
      `Entra sandbox listening on ${sandbox.url}`,
      `  tenant:          ${sandbox.tenantId}`,
      `  CA certificate:  ${sandbox.caFile}`,
      `  state file:      ${stateFile ?? '(in memory)'}`,
      `  directory:       ${directoryFile || '(one administrator)'}`,
      `  admin API:       ${sandbox.url}/_sandbox/counters (faults, errors, directory)`,
      '',
      'Automation identity (sandbox credentials) for `yarn camunda-entra register`:',
      `  export AZURE_TENANT_ID=${sandbox.tenantId}`,
      `  export AZURE_CLIENT_ID=${sandbox.credentials.clientId}`,
      `  export AZURE_CLIENT_SECRET=${sandbox.credentials.clientSecret}`,
      `  export AZURE_AUTHORITY_HOST=${sandbox.authorityHost}`,
      `  export NODE_EXTRA_CA_CERTS=${sandbox.caFile}`,
      `  export CAMUNDA_ENTRA_GRAPH_URL=${sandbox.url}`,
      '',
      'Sign-in client (OIDC, authorization code flow with PKCE):',
      `  metadata URL:    ${sandbox.metadataUrl}`,
      `  client ID:       ${signIn.clientId}`,
      `  client secret:   ${signIn.clientSecret}`,
      `  redirect URIs:   ${redirectUris.join(', ')}`,
      `  sign-in page:    ${sandbox.browserUrl}/${sandbox.tenantId}/oauth2/v2.0/authorize (plain HTTP, for browsers)`,
      '',
      ...(sandbox.keyVaultUrl
        ? [
            `Key Vault (the automation identity is a Key Vault Secrets Officer): ${sandbox.keyVaultUrl}`,
            '',
          ]
        : []),
    ].join('\n'),
  );
  const stop = () => {
    sandbox.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
