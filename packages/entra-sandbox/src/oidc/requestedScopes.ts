import { DirectoryStore } from '../directory/store';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';
import {
  exposedScopes,
  findResourceApplication,
  GRAPH_RESOURCE,
  isGraphResource,
  TokenResource,
} from './resources';

/** Scopes that are about the sign-in itself, not about a resource. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** What an authorization request may be granted: OIDC scopes and one resource's scopes. */
export interface RequestedScopes {
  /** OIDC scope names, then the resource's scope values (unqualified). */
  scopes: string[];
  resource: TokenResource;
}

/** Why the scopes cannot be granted, with Entra's error and AADSTS code. */
export interface ScopeRefusal {
  error: string;
  code: number;
  description: string;
}

const invalidScope = (scope: string): ScopeRefusal => ({
  error: 'invalid_scope',
  code: 70011,
  description: `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' does not exist.`,
});

/** Microsoft Graph's published delegated scopes. */
function graphScopes(store: DirectoryStore): string[] {
  const graph = store.findServicePrincipal({
    property: 'appId',
    value: MICROSOFT_GRAPH_APP_ID,
  });
  return (
    (graph?.entity.oauth2PermissionScopes as Array<{ value: string }>) ?? []
  ).map(s => s.value);
}

/**
 * One requested scope that is not an OIDC scope: a bare Graph scope (`User.Read`) or
 * `<resource>/<scope>` where the resource is Graph or an application of the tenant (appId or
 * identifier URI), `.default` standing for every scope the resource exposes (the sandbox
 * treats every consent as granted by an administrator).
 */
function resolve(
  requested: string,
  context: {
    store: DirectoryStore;
    graphAudiences: string[];
    tenantId: string;
  },
  clientId: string,
): { resource: TokenResource; values: string[] } | ScopeRefusal {
  const slash = requested.lastIndexOf('/');
  const identifier = slash < 0 ? undefined : requested.slice(0, slash);
  const name = requested.slice(slash + 1);
  if (
    identifier === undefined ||
    isGraphResource(identifier, context.graphAudiences)
  ) {
    if (identifier !== undefined && name === '.default') {
      return { resource: GRAPH_RESOURCE, values: ['User.Read'] };
    }
    return graphScopes(context.store).includes(name)
      ? { resource: GRAPH_RESOURCE, values: [name] }
      : invalidScope(requested);
  }
  const application = findResourceApplication(context.store, identifier);
  if (!application) {
    return {
      error: 'invalid_resource',
      code: 500011,
      description: `The resource principal named ${identifier} was not found in the tenant named ${context.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    };
  }
  const appId = application.entity.appId as string;
  if (
    appId.toLowerCase() === clientId.toLowerCase() &&
    identifier.toLowerCase() !== appId.toLowerCase()
  ) {
    return {
      error: 'invalid_request',
      code: 90009,
      description: `Application '${appId}' is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.`,
    };
  }
  const exposed = exposedScopes(application);
  if (name !== '.default' && !exposed.includes(name)) {
    return invalidScope(requested);
  }
  return {
    resource: { appId, identifier },
    values: name === '.default' ? exposed : [name],
  };
}

/**
 * The scopes of an authorization request for `clientId`: OIDC scopes plus the scopes of at
 * most one resource, as Entra's v2 endpoint issues one access token per resource.
 * `User.Read` of Microsoft Graph when no resource is asked for, as Entra adds it.
 */
export function parseRequestedScopes(
  scope: string,
  context: {
    store: DirectoryStore;
    graphAudiences: string[];
    tenantId: string;
  },
  clientId: string,
): RequestedScopes | ScopeRefusal {
  const oidc: string[] = [];
  const values: string[] = [];
  let resource: TokenResource | undefined;
  for (const requested of scope.split(' ').filter(Boolean)) {
    if (OIDC_SCOPES.includes(requested)) {
      oidc.push(requested);
      continue;
    }
    const resolved = resolve(requested, context, clientId);
    if ('code' in resolved) {
      return resolved;
    }
    if (resource && resource.appId !== resolved.resource.appId) {
      return {
        error: 'invalid_scope',
        code: 28000,
        description: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
      };
    }
    resource = resource ?? resolved.resource;
    values.push(...resolved.values);
  }
  return {
    scopes: [...new Set([...oidc, ...(resource ? values : ['User.Read'])])],
    resource: resource ?? GRAPH_RESOURCE,
  };
}
