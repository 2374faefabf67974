import { InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraCloud,
} from '@camunda-entra/plugin-camunda-entra-common';

export type { EntraCloud } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Where a cloud's sign-in (authority) and Microsoft Graph endpoints live.
 *
 * @public
 */
export interface EntraCloudEndpoints {
  /** Authority host, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
  /** Graph base URL without version, e.g. `https://graph.microsoft.com`. */
  graphUrl: string;
  /** Entra admin center, for links from the catalog card. */
  portalUrl: string;
}

const ENDPOINTS: Record<EntraCloud, EntraCloudEndpoints> = {
  global: {
    authorityHost: 'https://login.microsoftonline.com',
    graphUrl: 'https://graph.microsoft.com',
    portalUrl: 'https://entra.microsoft.com',
  },
  usgov: {
    authorityHost: 'https://login.microsoftonline.us',
    graphUrl: 'https://graph.microsoft.us',
    portalUrl: 'https://entra.microsoft.us',
  },
  china: {
    authorityHost: 'https://login.chinacloudapi.cn',
    graphUrl: 'https://microsoftgraph.chinacloudapi.cn',
    portalUrl: 'https://entra.microsoftonline.cn',
  },
};

/**
 * Returns the endpoints of a national cloud.
 *
 * @public
 */
export function entraCloudEndpoints(cloud: EntraCloud): EntraCloudEndpoints {
  return ENDPOINTS[cloud];
}

/**
 * The endpoints of a spec's tenant as its generated values name them: its cloud's, with the
 * spec's custom authority host and Graph URL (e.g. the local Entra sandbox) taking precedence.
 * Values are not credentials; where credentials may go, a spec never decides.
 *
 * @public
 */
export function tenantCloudEndpoints(
  tenant: DeploymentSpec['tenant'],
): EntraCloudEndpoints {
  const cloud = entraCloudEndpoints(tenant.cloud);
  return {
    ...cloud,
    authorityHost: stripTrailingSlashes(
      tenant.authorityHost ?? cloud.authorityHost,
    ),
    graphUrl: stripTrailingSlashes(tenant.graphUrl ?? cloud.graphUrl),
  };
}

/**
 * The OIDC issuer of v2 tokens for a tenant, as Camunda components must be configured with.
 *
 * @public
 */
export function entraIssuer(authorityHost: string, tenantId: string): string {
  return `${stripTrailingSlashes(authorityHost)}/${tenantId}/v2.0`;
}

/**
 * A tenant's OpenID Connect endpoints (v2), as the Camunda chart's global identity settings
 * and Console's wellKnown need them.
 *
 * @public
 */
export interface EntraOidcEndpoints {
  issuer: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  wellKnownUrl: string;
}

/**
 * Returns a tenant's OpenID Connect endpoints for an authority host.
 *
 * @public
 */
export function entraOidcEndpoints(
  authorityHost: string,
  tenantId: string,
): EntraOidcEndpoints {
  const tenantBase = `${stripTrailingSlashes(authorityHost)}/${tenantId}`;
  const issuer = entraIssuer(authorityHost, tenantId);
  return {
    issuer,
    authUrl: `${tenantBase}/oauth2/v2.0/authorize`,
    tokenUrl: `${tenantBase}/oauth2/v2.0/token`,
    jwksUrl: `${tenantBase}/discovery/v2.0/keys`,
    wellKnownUrl: `${issuer}/.well-known/openid-configuration`,
  };
}

/**
 * Validates an authority host given by `name` (a flag, variable or config key, named in the
 * error) and returns its origin, e.g. `https://login.microsoftonline.com`.
 *
 * @public
 */
export function normalizeAuthorityHost(value: string, name: string): string {
  return endpointOrigin(value, name, {
    paths: [''],
    expected:
      'an https host URL without a path, e.g. https://login.microsoftonline.com',
  });
}

/**
 * Validates a Microsoft Graph base URL given by `name`, with or without `/v1.0` and trailing
 * slashes, and returns its origin, e.g. `https://graph.microsoft.com`.
 *
 * @public
 */
export function normalizeGraphUrl(value: string, name: string): string {
  // Graph's documentation writes the base with its version; the client adds v1.0 itself.
  return endpointOrigin(value, name, {
    paths: ['', '/v1.0'],
    expected:
      'an https Graph base URL without a path other than /v1.0, e.g. https://graph.microsoft.com',
  });
}

function endpointOrigin(
  value: string,
  name: string,
  rule: { paths: string[]; expected: string },
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${name} must be an absolute URL, got '${value}'`);
  }
  // These two errors do not echo the value: user info or a query may carry a secret.
  if (url.username || url.password) {
    throw new InputError(`${name} must not contain a user name or password`);
  }
  if (url.search || url.hash) {
    throw new InputError(`${name} must not have a query or fragment`);
  }
  if (url.protocol !== 'https:') {
    // @azure/identity refuses http authorities, and tokens must not travel in clear.
    throw new InputError(`${name} must use https, got '${value}'`);
  }
  if (!rule.paths.includes(stripTrailingSlashes(url.pathname).toLowerCase())) {
    throw new InputError(`${name} must be ${rule.expected}, got '${value}'`);
  }
  return url.origin;
}

function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
