import { isDeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import type {
  Application,
  KeyCredential,
  PasswordCredential,
} from 'microsoft-graph';
import { APPLICATION_TAGS } from './applicationManifest';
import { EntraApplicationInfo } from './types';

/** `$select` of every read: what monitoring needs, nothing more. */
export const APPLICATION_SELECT = [
  'id',
  'appId',
  'displayName',
  'uniqueName',
  'tags',
  'signInAudience',
  'web',
  'spa',
  'api',
  'optionalClaims',
  'groupMembershipClaims',
  'passwordCredentials',
  'keyCredentials',
].join(',');

/** `$select` of a secret expiry scan: whose secrets, and their metadata. */
export const SECRETS_SELECT = [
  'id',
  'appId',
  'displayName',
  'tags',
  'passwordCredentials',
].join(',');

function tagValue(tags: string[], prefix: string): string | undefined {
  return tags.find(tag => tag.startsWith(prefix))?.slice(prefix.length);
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as T;

/**
 * What callers see of a password or key credential: its ID, name and dates plus the given
 * properties of its kind; secret text and key material are never copied.
 */
function credentialMetadata<T extends object>(
  credential: PasswordCredential | KeyCredential,
  ofKind: T,
) {
  return defined({
    keyId: credential.keyId!,
    displayName: credential.displayName ?? undefined,
    ...ofKind,
    startDateTime: credential.startDateTime ?? undefined,
    endDateTime: credential.endDateTime ?? undefined,
  });
}

/** Maps Graph's application to what callers see; secret text is never copied. */
export function toApplicationInfo(
  application: Application & { uniqueName?: string | null },
): EntraApplicationInfo {
  const tags = application.tags ?? [];
  const client = tagValue(tags, APPLICATION_TAGS.clientPrefix);
  return {
    objectId: application.id!,
    appId: application.appId!,
    displayName: application.displayName ?? '',
    ...(application.uniqueName && { uniqueName: application.uniqueName }),
    tags,
    ...defined({
      deployment: tagValue(tags, APPLICATION_TAGS.deploymentPrefix),
      client: client && isDeploymentClientKey(client) ? client : undefined,
      signInAudience: application.signInAudience ?? undefined,
      groupMembershipClaims: application.groupMembershipClaims ?? undefined,
    }),
    webRedirectUris: application.web?.redirectUris ?? [],
    spaRedirectUris: application.spa?.redirectUris ?? [],
    requestedAccessTokenVersion:
      application.api?.requestedAccessTokenVersion ?? null,
    optionalClaims: {
      idToken: (application.optionalClaims?.idToken ?? []).map(c => c.name!),
      accessToken: (application.optionalClaims?.accessToken ?? []).map(
        c => c.name!,
      ),
    },
    passwordCredentials: (application.passwordCredentials ?? []).map(c =>
      credentialMetadata(c, { hint: c.hint ?? undefined }),
    ),
    keyCredentials: (application.keyCredentials ?? []).map(c =>
      credentialMetadata(c, {
        type: c.type ?? undefined,
        usage: c.usage ?? undefined,
      }),
    ),
  };
}
