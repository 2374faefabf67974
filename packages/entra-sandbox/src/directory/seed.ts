import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { newApplication } from '../graph/applications';
import { mergeEntity } from '../graph/entities';
import { validateRedirectUris } from '../graph/redirectUris';
import { MICROSOFT_GRAPH_APP_ID } from '../oidc/endpoints';
import {
  ENTRA_SANDBOX_DEFAULT_ROLES,
  EntraSandboxIdentity,
  EntraSandboxSignInClient,
  RegisteredIdentity,
} from '../oidc/identities';
import {
  ApplicationRecord,
  DirectoryStore,
  Entity,
  SandboxGroup,
  SandboxUser,
} from './store';

/** Microsoft Graph's delegated permissions the product consents to, with their real IDs. */
const GRAPH_SCOPES: Record<string, string> = {
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
  email: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
};

function ensureServicePrincipal(
  store: DirectoryStore,
  appId: string,
  displayName: string,
  extra: Record<string, unknown> = {},
) {
  const existing = store.findServicePrincipal({
    property: 'appId',
    value: appId,
  });
  if (existing) {
    return existing;
  }
  const record = {
    entity: {
      id: randomUUID(),
      appId,
      appDisplayName: displayName,
      displayName,
      accountEnabled: true,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [appId],
      tags: [],
      appRoles: [],
      oauth2PermissionScopes: [],
      ...extra,
    },
    owners: [],
    replicatedAt: 0,
  };
  store.data.servicePrincipals.push(record);
  return record;
}

/** Adds or replaces objects by id, so that an edited directory file takes effect on restart. */
function upsert<T extends { id: string }>(existing: T[], seeded: T[]): T[] {
  const ids = new Set(seeded.map(item => item.id.toLowerCase()));
  return [
    ...existing.filter(item => !ids.has(item.id.toLowerCase())),
    ...structuredClone(seeded),
  ];
}

function ensureApplication(
  store: DirectoryStore,
  appId: string,
  displayName: string,
): ApplicationRecord {
  const existing = store.findApplication({ property: 'appId', value: appId });
  if (existing) {
    return existing;
  }
  const record: ApplicationRecord = {
    entity: mergeEntity(newApplication(new Date().toISOString()), {
      appId,
      displayName,
    }),
    owners: [],
    replicatedAt: 0,
    secretHashes: {},
  };
  store.data.applications.push(record);
  ensureServicePrincipal(store, appId, displayName);
  return record;
}

const SIGN_IN_SECRET_NAME = 'Sandbox sign-in client secret';
const SIGN_IN_SECRET_LIFETIME_MS = 10 * 365 * 86_400_000;

/**
 * A sign-in client's application: its redirect URIs and exactly one seeded secret, replaced
 * when the configured secret changes (the state file may hold an older one).
 */
function seedSignInClient(
  store: DirectoryStore,
  client: EntraSandboxSignInClient,
) {
  try {
    validateRedirectUris({ web: { redirectUris: client.redirectUris } });
  } catch {
    throw new InputError(
      `signInClients ${
        client.clientId
      }: redirectUris must be https, or http on localhost or 127.0.0.1, without fragment or wildcard; got ${client.redirectUris.join(
        ', ',
      )}`,
    );
  }
  const record = ensureApplication(
    store,
    client.clientId,
    client.displayName ?? `Sign-in client ${client.clientId}`,
  );
  const credentials = record.entity.passwordCredentials as Entity[];
  for (const old of credentials) {
    if (old.displayName === SIGN_IN_SECRET_NAME) {
      delete record.secretHashes[old.keyId as string];
    }
  }
  const keyId = randomUUID();
  const now = Date.now();
  record.entity.passwordCredentials = [
    ...credentials.filter(c => c.displayName !== SIGN_IN_SECRET_NAME),
    {
      customKeyIdentifier: null,
      displayName: SIGN_IN_SECRET_NAME,
      endDateTime: new Date(now + SIGN_IN_SECRET_LIFETIME_MS).toISOString(),
      hint: client.clientSecret.slice(0, 3),
      keyId,
      secretText: null,
      startDateTime: new Date(now).toISOString(),
    },
  ];
  record.secretHashes[keyId] = createHash('sha256')
    .update(client.clientSecret)
    .digest('hex');
  record.entity.web = mergeEntity(record.entity.web as Entity, {
    redirectUris: client.redirectUris,
  });
}

/**
 * Puts what a tenant already has into the directory: Microsoft Graph's service principal,
 * users, groups, an application + service principal per automation identity and per
 * sign-in client.
 */
export function seedDirectory(
  store: DirectoryStore,
  seed: {
    identities: EntraSandboxIdentity[];
    users: SandboxUser[];
    groups?: SandboxGroup[];
    signInClients?: EntraSandboxSignInClient[];
  },
): RegisteredIdentity[] {
  ensureServicePrincipal(store, MICROSOFT_GRAPH_APP_ID, 'Microsoft Graph', {
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    oauth2PermissionScopes: Object.entries(GRAPH_SCOPES).map(([value, id]) => ({
      id,
      value,
      type: 'User',
      isEnabled: true,
    })),
  });
  store.data.users = upsert(store.data.users, seed.users);
  store.data.groups = upsert(store.data.groups, seed.groups ?? []);
  for (const client of seed.signInClients ?? []) {
    seedSignInClient(store, client);
  }
  const registered = seed.identities.map(identity => {
    const displayName =
      identity.displayName ?? `Automation identity ${identity.clientId}`;
    ensureApplication(store, identity.clientId, displayName);
    const sp = ensureServicePrincipal(store, identity.clientId, displayName);
    return {
      ...identity,
      servicePrincipalId: sp.entity.id as string,
      roles: identity.roles ?? [...ENTRA_SANDBOX_DEFAULT_ROLES],
      certificate: identity.certificatePem
        ? new X509Certificate(identity.certificatePem)
        : undefined,
    };
  });
  store.changed();
  return registered;
}
