import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { TokenResource } from './resources';

/** Entra's authorization codes live about ten minutes. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Where a redirect URI is registered on its application. */
export type RedirectPlatform = 'web' | 'spa';

/** Who signed in to which client, and what the authorization request asked for. */
export interface SignInGrant {
  clientId: string;
  userId: string;
  /** OIDC scopes, then the resource's scope values. */
  scopes: string[];
  /** The resource of the access token; Microsoft Graph when absent (older state files). */
  resource?: TokenResource;
  /**
   * The platform of the redirect URI: a SPA's codes and refresh tokens are redeemed only
   * cross-origin without a client secret, a Web app's only with one. Web when absent.
   */
  platform?: RedirectPlatform;
  nonce?: string;
  /** Epoch seconds of the sign-in, for `auth_time`. */
  authTime: number;
}

interface PendingCode {
  grant: SignInGrant;
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  expiresAt: number;
}

/** Why a code cannot be redeemed, with Entra's AADSTS code. */
export interface CodeRefusal {
  /** The OAuth error; `invalid_grant` when absent. */
  error?: string;
  code: number;
  description: string;
}

const hashOf = (text: string) => createHash('sha256').update(text).digest();

function verifierMatches(pending: PendingCode, verifier: string | null) {
  if (!pending.codeChallenge) {
    return verifier === null;
  }
  if (verifier === null) {
    return false;
  }
  const derived =
    pending.codeChallengeMethod === 'plain'
      ? verifier
      : hashOf(verifier).toString('base64url');
  return timingSafeEqual(hashOf(derived), hashOf(pending.codeChallenge));
}

/**
 * Authorization codes: random, single use, short-lived, bound to the client and redirect URI
 * of the request and to its PKCE challenge. Only their hashes are kept, in memory.
 */
export class AuthorizationCodes {
  private readonly pending = new Map<string, PendingCode>();
  /** Hashes of used codes until they would have expired, to say "already redeemed". */
  private readonly redeemed = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(
    grant: SignInGrant,
    request: {
      redirectUri: string;
      codeChallenge?: string;
      codeChallengeMethod?: 'S256' | 'plain';
    },
  ): string {
    const code = randomBytes(48).toString('base64url');
    this.pending.set(hashOf(code).toString('hex'), {
      grant,
      ...request,
      expiresAt: this.now() + CODE_LIFETIME_MS,
    });
    return code;
  }

  /** The platform a pending code was issued for, without using it up. */
  platformOf(code: string): RedirectPlatform | undefined {
    const pending = this.pending.get(hashOf(code).toString('hex'));
    return pending && (pending.grant.platform ?? 'web');
  }

  /** Redeems a code once: a refused attempt uses it up too, as Entra does. */
  redeem(
    code: string,
    request: {
      clientId: string;
      redirectUri: string | null;
      verifier: string | null;
    },
  ): SignInGrant | CodeRefusal {
    const key = hashOf(code).toString('hex');
    const pending = this.pending.get(key);
    this.sweep();
    if (!pending && !this.redeemed.has(key)) {
      return {
        code: 70000,
        description:
          'Provided grant is invalid or malformed: the authorization code is unknown.',
      };
    }
    if (!pending) {
      return {
        code: 54005,
        description:
          'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
      };
    }
    this.pending.delete(key);
    this.redeemed.set(key, pending.expiresAt);
    if (pending.expiresAt <= this.now()) {
      return {
        code: 70008,
        description:
          'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
      };
    }
    if (
      pending.grant.clientId.toLowerCase() !== request.clientId.toLowerCase()
    ) {
      return {
        code: 70000,
        description:
          'Provided grant is invalid or malformed: the authorization code was issued to another client.',
      };
    }
    if (request.redirectUri === null) {
      return {
        error: 'invalid_request',
        code: 900144,
        description:
          "The request body must contain the following parameter: 'redirect_uri'.",
      };
    }
    if (request.redirectUri !== pending.redirectUri) {
      return {
        code: 500112,
        description: `The reply address '${request.redirectUri}' does not match the reply address '${pending.redirectUri}' provided when requesting Authorization code.`,
      };
    }
    if (pending.codeChallenge && request.verifier === null) {
      return {
        code: 50148,
        description:
          'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
      };
    }
    if (!verifierMatches(pending, request.verifier)) {
      return {
        code: 501481,
        description:
          'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      };
    }
    return pending.grant;
  }

  private sweep() {
    const now = this.now();
    for (const [key, pending] of this.pending) {
      if (pending.expiresAt + CODE_LIFETIME_MS <= now) {
        this.pending.delete(key);
      }
    }
    for (const [key, expiresAt] of this.redeemed) {
      if (expiresAt <= now) {
        this.redeemed.delete(key);
      }
    }
  }
}
