import { ApplicationRecord, DirectoryStore } from '../directory/store';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';

/** The application a token is for, and the identifier the client named it by. */
export interface TokenResource {
  appId: string;
  /** As the client asked: the appId GUID, an identifier URI or a Graph host. */
  identifier: string;
}

/** Whether a resource named in a scope is Microsoft Graph (GUID or one of its hosts). */
export function isGraphResource(
  identifier: string,
  graphAudiences: string[],
): boolean {
  return graphAudiences.includes(identifier.replace(/\/+$/, ''));
}

/**
 * An application of the tenant named as a resource: by its appId or one of its identifier
 * URIs, with a service principal (without one Entra answers "resource principal not found").
 */
export function findResourceApplication(
  store: DirectoryStore,
  identifier: string,
): ApplicationRecord | undefined {
  const application =
    store.findApplication({ property: 'appId', value: identifier }) ??
    store.data.applications.find(a =>
      ((a.entity.identifierUris as string[]) ?? []).includes(identifier),
    );
  const principal =
    application &&
    store.findServicePrincipal({
      property: 'appId',
      value: application.entity.appId as string,
    });
  return principal ? application : undefined;
}

/**
 * The access token version a resource accepts: `api.requestedAccessTokenVersion`, which
 * Entra reads as 1 when null unless the application also signs in personal accounts.
 */
export function acceptedTokenVersion(application: ApplicationRecord): 1 | 2 {
  const api = application.entity.api as
    | { requestedAccessTokenVersion?: number | null }
    | undefined;
  if (api?.requestedAccessTokenVersion) {
    return api.requestedAccessTokenVersion === 2 ? 2 : 1;
  }
  const audience = application.entity.signInAudience as string | null;
  return audience === 'AzureADandPersonalMicrosoftAccount' ||
    audience === 'PersonalMicrosoftAccount'
    ? 2
    : 1;
}

/** The delegated scopes a resource application publishes and has enabled. */
export function exposedScopes(application: ApplicationRecord): string[] {
  const api = application.entity.api as
    | {
        oauth2PermissionScopes?: Array<{ value: string; isEnabled?: boolean }>;
      }
    | undefined;
  return (api?.oauth2PermissionScopes ?? [])
    .filter(s => s.isEnabled !== false)
    .map(s => s.value);
}

export const GRAPH_RESOURCE: TokenResource = {
  appId: MICROSOFT_GRAPH_APP_ID,
  identifier: 'https://graph.microsoft.com',
};

/** Graph tokens keep their own shape; every other resource's follows its accepted version. */
export function isGraph(resource: TokenResource | undefined): boolean {
  return !resource || resource.appId === MICROSOFT_GRAPH_APP_ID;
}
