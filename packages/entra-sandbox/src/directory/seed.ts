import { randomUUID, X509Certificate } from 'node:crypto';
import { newApplication } from '../graph/applications';
import { mergeEntity } from '../graph/entities';
import { MICROSOFT_GRAPH_APP_ID } from '../oidc/endpoints';
import {
  DEFAULT_IDENTITY_ROLES,
  EntraSandboxIdentity,
  RegisteredIdentity,
} from '../oidc/identities';
import { DirectoryStore, SandboxUser } from './store';

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

/**
 * Puts what a tenant already has into the directory: Microsoft Graph's service principal,
 * users, and an application + service principal per automation identity.
 */
export function seedDirectory(
  store: DirectoryStore,
  identities: EntraSandboxIdentity[],
  users: SandboxUser[],
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
  for (const user of users) {
    if (!store.data.users.some(u => u.id === user.id)) {
      store.data.users.push(user);
    }
  }
  const registered = identities.map(identity => {
    const displayName =
      identity.displayName ?? `Automation identity ${identity.clientId}`;
    if (
      !store.findApplication({ property: 'appId', value: identity.clientId })
    ) {
      store.data.applications.push({
        entity: mergeEntity(newApplication(new Date().toISOString()), {
          appId: identity.clientId,
          displayName,
        }),
        owners: [],
        replicatedAt: 0,
        secretHashes: {},
      });
    }
    const sp = ensureServicePrincipal(store, identity.clientId, displayName);
    return {
      ...identity,
      servicePrincipalId: sp.entity.id as string,
      roles: identity.roles ?? DEFAULT_IDENTITY_ROLES,
      certificate: identity.certificatePem
        ? new X509Certificate(identity.certificatePem)
        : undefined,
    };
  });
  store.changed();
  return registered;
}
