import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EntraSandboxAdmin, SandboxAdmin } from './admin';
import { browserRequestHandler } from './browserServer';
import { RequestCounters } from './counters';
import { EntraSandboxOrganization } from './directory/directoryFile';
import { DirectoryStore, SandboxGroup, SandboxUser } from './directory/store';
import { seedDirectory } from './directory/seed';
import { EntraSandboxFaults, FaultInjector } from './faults';
import { GraphContext } from './graph/context';
import { KeyVaultRequestHandler } from './keyvault/handler';
import { checkKeyVaultRoles } from './keyvault/roles';
import { KeyVaultStore } from './keyvault/store';
import { MICROSOFT_GRAPH_APP_ID, OidcEndpoints } from './oidc/endpoints';
import {
  EntraSandboxIdentity,
  EntraSandboxSignInClient,
} from './oidc/identities';
import { SignInPages } from './oidc/signInPages';
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
  /** People: owners of applications, who sign in, whom Graph lists; default one administrator. */
  users?: SandboxUser[];
  /** Groups of `users`, as Graph lists them. */
  groups?: SandboxGroup[];
  /** The tenant's organization object; default "Entra sandbox". */
  organization?: EntraSandboxOrganization;
  /** Web applications people sign in to (authorization code flow). */
  signInClients?: EntraSandboxSignInClient[];
  /**
   * Port of a plain-HTTP listener on 127.0.0.1 for the pages a browser opens (authorize,
   * logout); 0 picks a free one. Without it there is none and those pages stay on HTTPS.
   */
  browserPort?: number;
  /**
   * Port of Key Vault's secrets data plane (HTTPS on 127.0.0.1, its own origin as a vault has
   * its own host); 0 picks a free one. Without it there is no vault. Identities reach it
   * with their `keyVaultRoles`.
   */
  keyVaultPort?: number;
  /** Persists keys, CA, directory and vault here (JSON, mode 0600) and reloads them on start. */
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
  /** The OIDC discovery document (`metadataUrl` of an OIDC client). */
  metadataUrl: string;
  /** Origin of the browser pages: the HTTP listener when `browserPort` was given, else `url`. */
  browserUrl: string;
  tenantId: string;
  /** The vault's URL (`vaultUrl` of a SecretClient) when `keyVaultPort` was given. */
  keyVaultUrl?: string;
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
  const identities = seedDirectory(store, {
    identities: options.identities ?? [
      {
        clientId: randomUUID(),
        clientSecret: randomBytes(24).toString('base64url'),
        displayName: 'Camunda Entra automation (sandbox)',
        keyVaultRoles: ['Key Vault Secrets Officer'],
      },
    ],
    users: options.users ?? [DEFAULT_USER],
    groups: options.groups,
    signInClients: options.signInClients,
  });
  identities.forEach(i =>
    checkKeyVaultRoles(i.keyVaultRoles ?? [], `identity ${i.clientId}`),
  );
  const withSecret = identities.find(i => i.clientSecret);
  const signer = await TokenSigner.create(state.signingKeyPem);
  const faults = new FaultInjector(options.faults, options.seed);
  const counters = new RequestCounters();

  const server = https.createServer({
    key: state.tls.serverKeyPem,
    cert: state.tls.serverCertPem,
  });
  const origin = `https://127.0.0.1:${await listen(server, options.port ?? 0)}`;
  const browserServer =
    options.browserPort === undefined ? undefined : http.createServer();
  const browserUrl = browserServer
    ? `http://127.0.0.1:${await listen(browserServer, options.browserPort!)}`
    : origin;
  const oidc = new OidcEndpoints({
    origin,
    browserOrigin: browserUrl,
    tenantId: state.tenantId,
    signer,
    store,
    identities,
    refreshTokens: state.signIn.refreshTokens,
    persist,
  });
  const context: GraphContext = {
    store,
    counters,
    faults,
    throttling: new Throttling(options.throttling),
    tenantId: state.tenantId,
    organization: options.organization ?? { displayName: 'Entra sandbox' },
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
    seededAppIds: [
      MICROSOFT_GRAPH_APP_ID,
      ...identities.map(i => i.clientId),
      ...(options.signInClients ?? []).map(c => c.clientId),
    ],
  });
  const signInPages = new SignInPages({
    tenantId: state.tenantId,
    store,
    codes: oidc.codes,
    graphAudiences: oidc.graphAudiences,
    sessions: state.signIn.sessions,
    persist,
  });
  browserServer?.on(
    'request',
    browserRequestHandler({ signInPages, counters }),
  );
  server.on(
    'request',
    new SandboxRequestHandler({
      context,
      oidc,
      signInPages,
      signer,
      admin,
      faults,
      counters,
    }).handle,
  );

  const vaultServer =
    options.keyVaultPort === undefined
      ? undefined
      : https.createServer({
          key: state.tls.serverKeyPem,
          cert: state.tls.serverCertPem,
        });
  let keyVaultUrl: string | undefined;
  if (vaultServer) {
    keyVaultUrl = `https://127.0.0.1:${await listen(
      vaultServer,
      options.keyVaultPort!,
    )}`;
    const vaultRoles = new Map(
      identities.map(i => [i.clientId.toLowerCase(), i.keyVaultRoles ?? []]),
    );
    vaultServer.on(
      'request',
      new KeyVaultRequestHandler({
        vaultUrl: keyVaultUrl,
        authority: `${origin}/${state.tenantId}`,
        issuer: oidc.issuer,
        signer,
        store: new KeyVaultStore(state.keyVault, persist),
        roles: clientId => vaultRoles.get(clientId) ?? [],
      }).handle,
    );
  }

  const caFile = options.caFile ?? defaultCaFile(options.stateFile);
  fs.mkdirSync(path.dirname(caFile), { recursive: true });
  fs.writeFileSync(caFile, state.tls.caCertPem);

  return {
    url: origin,
    authorityHost: origin,
    metadataUrl: oidc.metadataUrl,
    browserUrl,
    keyVaultUrl,
    tenantId: state.tenantId,
    caPem: state.tls.caCertPem,
    caFile,
    credentials: {
      clientId: withSecret?.clientId ?? '',
      clientSecret: withSecret?.clientSecret ?? '',
    },
    admin,
    stop: async () => {
      await Promise.all(
        [server, browserServer, vaultServer].map(s => s && close(s)),
      );
    },
  };
}

async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function close(server: http.Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close(error => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
