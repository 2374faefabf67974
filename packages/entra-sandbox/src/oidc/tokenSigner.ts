import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
} from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  JWK,
  JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/** A fresh RS256 signing key as PKCS#8 PEM, for the state file. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

/** Signs the sandbox's access tokens and federated test tokens; publishes the JWKS. */
export class TokenSigner {
  static async create(privateKeyPem: string): Promise<TokenSigner> {
    const privateKey = createPrivateKey(privateKeyPem);
    const publicKey = createPublicKey(privateKey);
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new TokenSigner(privateKey, publicKey, {
      ...jwk,
      kid,
      use: 'sig',
      alg: 'RS256',
    });
  }

  private constructor(
    private readonly privateKey: KeyObject,
    private readonly publicKey: KeyObject,
    private readonly jwk: JWK,
  ) {}

  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }

  async sign(claims: JWTPayload, lifetimeSeconds: number): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.jwk.kid })
      .setIssuedAt()
      .setNotBefore('0s')
      .setExpirationTime(`${lifetimeSeconds}s`)
      .sign(this.privateKey);
  }

  /** Verifies signature, expiry, issuer and audience; throws jose's errors otherwise. */
  async verify(
    token: string,
    expected: { issuer: string | string[]; audience: string[] },
  ): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.publicKey, {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ['RS256'],
      // Tokens are issued by this process but may be checked within the same second.
      clockTolerance: 5,
    });
    return payload;
  }
}
