import { createPublicKey, verify, webcrypto } from 'node:crypto';
import { TenantSigningKey } from './clientTokenEndpoint';

/** The parts of a JWT access token that verification reads. */
export interface DecodedAccessToken {
  header: { alg?: unknown; kid?: unknown };
  claims: Record<string, unknown>;
  signedPart: string;
  signature: Buffer;
}

function jsonPart(part: string): Record<string, unknown> {
  const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('not a JSON object');
  }
  return value;
}

/** Undefined when the token is no JWT (Entra's access tokens for APIs always are). */
export function decodeAccessToken(
  token: string,
): DecodedAccessToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  try {
    return {
      header: jsonPart(parts[0]),
      claims: jsonPart(parts[1]),
      signedPart: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether the token is signed (RS256, as Entra signs) by the key its `kid` names among
 * `keys`. A token whose key is not among them is not signed by the tenant.
 */
export function signedByOneOf(
  token: DecodedAccessToken,
  keys: TenantSigningKey[],
): boolean {
  if (token.header.alg !== 'RS256') {
    return false;
  }
  const key = keys.find(k => k.kid === token.header.kid && k.kty === 'RSA');
  if (!key) {
    return false;
  }
  try {
    return verify(
      'RSA-SHA256',
      Buffer.from(token.signedPart),
      createPublicKey({ key: key as webcrypto.JsonWebKey, format: 'jwk' }),
      token.signature,
    );
  } catch {
    return false;
  }
}

/** A claim that may be a string or a list of strings, as a list (`aud` may be either). */
export function claimValues(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}
