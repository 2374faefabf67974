import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EntraSandboxAdmin, SandboxAdmin } from './admin';
import { RequestCounters } from './counters';
import { DirectoryStore, SandboxUser } from './directory/store';
import { seedDirectory } from './directory/seed';
import { EntraSandboxFaults, FaultInjector } from './faults';
import { GraphContext } from './graph/context';
import { MICROSOFT_GRAPH_APP_ID, OidcEndpoints } from './oidc/endpoints';
import { EntraSandboxIdentity } from './oidc/identities';
import { TokenSigner } from './oidc/tokenSigner';
import { SandboxRequestHandler } from './server';
import { loadState, saveState } from './state';
import { EntraSandboxThrottling, Throttling } from './throttling';

/**
 * Options of {@link startEntraSandbox}.
 *
 * @public
 */
export interface EntraSandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Tenant GUID; default random, or the one in `stateFile`. */
  tenantId?: string;
  /** Automation identities; default one with a client secret and every product permission. */
  identities?: EntraSandboxIdentity[];
  /** Users that can be made owners; default one administrator. */
  users?: SandboxUser[];
  /** Persists keys, CA and directory here (JSON, mode 0600) and reloads them on start. */
  stateFile?: string;
  /** Where to write the CA certificate (PEM); default next to `stateFile`, else a temp dir. */
  caFile?: string;
  faults?: EntraSandboxFaults;
  /** Seed for the random fault rates, for repeatable runs. */
  seed?: number;
  /** Tenant policy: longest password credential lifetime addPassword accepts. */
  maxPasswordLifetimeDays?: number;
  /** Graph's service limits (429 with Retry-After beyond them); default Graph's own. */
  throttling?: EntraSandboxThrottling;
  /** Most items Graph returns per page whatever `$top` asks (default 999), to exercise paging. */
  maxPageSize?: number;
}

/**
 * A running sandbox.
 *
 * @public
 */
export interface EntraSandbox {
  /** Microsoft Graph base URL (without version), e.g. `https://127.0.0.1:7443`. */
  url: string;
  /** Authority host for `@azure/identity` (same origin as `url`). */
  authorityHost: string;
  tenantId: string;
  /** The sandbox CA, which clients must trust. */
  caPem: string;
  caFile: string;
  /** The first automation identity with a client secret. */
  credentials: { clientId: string; clientSecret: string };
  admin: EntraSandboxAdmin;
  stop(): Promise<void>;
}

const DEFAULT_USER: SandboxUser = {
  id: '6d2c7c1e-3f0a-4d5e-9b3a-0c4f7e2a9d11',
  userPrincipalName: 'admin@sandbox.onmicrosoft.com',
  displayName: 'Sandbox Administrator',
};

function defaultCaFile(stateFile?: string): string {
  return stateFile
    ? path.join(path.dirname(stateFile), 'entra-sandbox-ca.pem')
    : path.join(
        fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sandbox-')),
        'ca.pem',
      );
}

/**
 * Starts a local stand-in for Entra ID and Microsoft Graph on 127.0.0.1 over HTTPS.
 *
 * @public
 */
export async function startEntraSandbox(
  options: EntraSandboxOptions = {},
): Promise<EntraSandbox> {
  const state = loadState(options.stateFile, options.tenantId ?? randomUUID());
  if (options.tenantId && options.tenantId !== state.tenantId) {
    throw new Error(
      `Sandbox state ${options.stateFile} belongs to tenant ${state.tenantId}, not ${options.tenantId}`,
    );
  }
  const persist = () =>
    options.stateFile && saveState(options.stateFile, state);
  const store = new DirectoryStore(state.directory, persist);
  const identities = seedDirectory(
    store,
    options.identities ?? [
      {
        clientId: randomUUID(),
        clientSecret: randomBytes(24).toString('base64url'),
        displayName: 'Camunda Entra automation (sandbox)',
      },
    ],
    options.users ?? [DEFAULT_USER],
  );
  const withSecret = identities.find(i => i.clientSecret);
  const signer = await TokenSigner.create(state.signingKeyPem);
  const faults = new FaultInjector(options.faults, options.seed);
  const counters = new RequestCounters();

  const server = https.createServer({
    key: state.tls.serverKeyPem,
    cert: state.tls.serverCertPem,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const oidc = new OidcEndpoints({
    origin,
    tenantId: state.tenantId,
    signer,
    store,
    identities,
  });
  const context: GraphContext = {
    store,
    counters,
    faults,
    throttling: new Throttling(options.throttling),
    tenantId: state.tenantId,
    versionUrl: `${origin}/v1.0`,
    now: Date.now,
    maxPasswordLifetimeDays: options.maxPasswordLifetimeDays,
    maxPageSize: options.maxPageSize,
  };
  const admin = new SandboxAdmin({
    faults,
    counters,
    store,
    oidc,
    seededAppIds: [MICROSOFT_GRAPH_APP_ID, ...identities.map(i => i.clientId)],
  });
  server.on(
    'request',
    new SandboxRequestHandler({
      context,
      oidc,
      signer,
      admin,
      faults,
      counters,
    }).handle,
  );

  const caFile = options.caFile ?? defaultCaFile(options.stateFile);
  fs.mkdirSync(path.dirname(caFile), { recursive: true });
  fs.writeFileSync(caFile, state.tls.caCertPem);

  return {
    url: origin,
    authorityHost: origin,
    tenantId: state.tenantId,
    caPem: state.tls.caCertPem,
    caFile,
    credentials: {
      clientId: withSecret?.clientId ?? '',
      clientSecret: withSecret?.clientSecret ?? '',
    },
    admin,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
