/**
 * A tenant's token endpoint as confidential clients use it.
 *
 * @public
 */
export interface ClientTokenEndpoint {
  /** Client credentials grant; never throws for an Entra refusal, returns it. */
  clientCredentials(request: {
    clientId: string;
    clientSecret: string;
    scope: string;
  }): Promise<ClientCredentialsResult>;
}

/**
 * What the token endpoint answered: a token, or Entra's refusal with its AADSTS code.
 *
 * @public
 */
export type ClientCredentialsResult =
  | { accessToken: string }
  | { error: string; entraError?: string; description: string };

/**
 * The token endpoint of `tenantId` at `authorityHost`, trusting `ca` besides Node's roots.
 *
 * @public
 */
export function createClientTokenEndpoint(_options: {
  authorityHost: string;
  tenantId: string;
  ca?: string | Buffer;
}): ClientTokenEndpoint {
  throw new Error('not implemented');
}
