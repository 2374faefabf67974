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
 * The endpoints of a spec's tenant: its cloud's, with the spec's custom authority host and
 * Graph URL (e.g. the local Entra sandbox) taking precedence.
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

function stripTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
