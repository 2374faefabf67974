import { errors as joseErrors, JWTPayload } from 'jose';
import { TokenSigner } from '../oidc/tokenSigner';
import { GraphHttpError } from './errors';

/** Graph's message for a token it refuses, by what jose found wrong. */
function refusalMessage(error: unknown): string {
  if (error === undefined) {
    return 'Access token is empty.';
  }
  if (error instanceof joseErrors.JWTExpired) {
    return 'Lifetime validation failed, the token is expired.';
  }
  if (
    error instanceof joseErrors.JWTClaimValidationFailed &&
    error.claim === 'aud'
  ) {
    return 'Access token validation failure. Invalid audience.';
  }
  return 'Access token validation failure.';
}

/**
 * The claims of a bearer token Microsoft Graph accepts: signed by the tenant, unexpired, from
 * either of the tenant's issuers (v1 or v2) and for one of Graph's audiences. Otherwise Graph's
 * 401 `InvalidAuthenticationToken` with the `WWW-Authenticate` challenge OAuth clients read.
 */
export async function verifyGraphBearer(
  signer: TokenSigner,
  authorization: string | undefined,
  expected: { issuers: string[]; audiences: string[] },
): Promise<JWTPayload> {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    throw invalidAuthenticationToken(refusalMessage(undefined));
  }
  try {
    return await signer.verify(token, {
      issuer: expected.issuers,
      audience: expected.audiences,
    });
  } catch (error) {
    throw invalidAuthenticationToken(refusalMessage(error));
  }
}

/** Graph's 401 for a token it does not take. */
export function invalidAuthenticationToken(message: string): GraphHttpError {
  return new GraphHttpError(401, 'InvalidAuthenticationToken', message, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${message.replace(
      /"/g,
      "'",
    )}"`,
  });
}
