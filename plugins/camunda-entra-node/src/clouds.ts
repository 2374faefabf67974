/**
 * The Entra ID national clouds we support.
 *
 * @public
 */
export type EntraCloud = 'global' | 'usgov' | 'china';

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
 * The OIDC issuer of v2 tokens for a tenant, as Camunda components must be configured with.
 *
 * @public
 */
export function entraIssuer(authorityHost: string, tenantId: string): string {
  return `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`;
}
