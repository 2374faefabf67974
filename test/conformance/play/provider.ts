import { createLocalJWKSet, JSONWebKeySet } from 'jose';
import { StepFailure } from '../failure';
import { httpsRequest, jsonBody } from '../http';
import { Authority } from '../extract/types';

/** What a component learns about Entra from its configuration and the discovery document. */
export interface Provider {
  issuer?: string;
  authorizationEndpoint?: string;
  tokenEndpoint: string;
  userinfoEndpoint?: string;
  keys?: ReturnType<typeof createLocalJWKSet>;
}

async function getJson(url: string, ca: string, what: string) {
  const response = await httpsRequest(url, { ca });
  const body = jsonBody(response);
  if (response.status !== 200 || !body) {
    throw new StepFailure('discovery', `${what} ${url}: ${response.status}`);
  }
  return body;
}

/**
 * Reads the discovery document as Spring Security and the Identity SDK do: below the issuer
 * (whose `issuer` must be the configured one, or Spring refuses to start) or at a well-known
 * URL; a bare token endpoint needs none.
 */
export async function discover(
  authority: Authority,
  ca: string,
): Promise<Provider> {
  if ('tokenUrl' in authority) {
    return { tokenEndpoint: authority.tokenUrl };
  }
  const url =
    'issuer' in authority
      ? `${authority.issuer.replace(
          /\/+$/,
          '',
        )}/.well-known/openid-configuration`
      : authority.wellKnown;
  const document = await getJson(url, ca, 'discovery document');
  if ('issuer' in authority && document.issuer !== authority.issuer) {
    throw new StepFailure(
      'discovery',
      `the discovery document's issuer ${document.issuer} is not the configured ${authority.issuer}`,
    );
  }
  const jwks = await getJson(String(document.jwks_uri), ca, 'JWKS');
  return {
    issuer: document.issuer,
    authorizationEndpoint: document.authorization_endpoint,
    tokenEndpoint: document.token_endpoint,
    userinfoEndpoint: document.userinfo_endpoint || undefined,
    keys: createLocalJWKSet(jwks as JSONWebKeySet),
  };
}
