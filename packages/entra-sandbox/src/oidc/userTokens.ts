import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { JWTPayload } from 'jose';
import { DirectoryStore, SandboxUser } from '../directory/store';
import { GraphHttpError, graphErrorBody } from '../graph/errors';
import { aadError, OidcResponse } from './aadError';
import { groupsClaim } from './groupsClaim';
import { SignInGrant } from './authorizationCodes';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';
import { TokenSigner } from './tokenSigner';

const TOKEN_LIFETIME_SECONDS = 3599;
const ID_TOKEN_LIFETIME_SECONDS = 3600;
/** Entra's refresh tokens for web apps last 90 days (sliding). */
const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;

/** Scopes that are about the sign-in itself, not about Microsoft Graph. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** What a refresh token stands for, kept by the token's hash. */
export interface RefreshGrant extends SignInGrant {
  expiresAt: number;
}

const hashOf = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * Tokens for people: ID tokens for the client, Graph access tokens with `scp`, refresh
 * tokens (opaque, hashed, in memory) and the userinfo endpoint that reads the access token.
 */
export class UserTokens {
  constructor(
    private readonly options: {
      issuer: string;
      tenantId: string;
      signer: TokenSigner;
      store: DirectoryStore;
      graphAudiences: string[];
      /** By token hash; kept in the state file, so sign-ins survive a restart. */
      refreshTokens: Record<string, RefreshGrant>;
      persist: () => void;
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.options.now ?? Date.now)();
  }

  /**
   * `sub` is pairwise in Entra: the same person has a different subject in every application.
   */
  subject(userId: string, clientId: string): string {
    return createHash('sha256')
      .update(`${this.options.tenantId}:${clientId.toLowerCase()}:${userId}`)
      .digest('base64url')
      .slice(0, 43);
  }

  /** The token response for a grant whose user is still there and enabled. */
  async issue(grant: SignInGrant): Promise<OidcResponse> {
    const user = this.options.store.findUser(grant.userId);
    if (!user || user.accountEnabled === false) {
      return aadError(
        400,
        'invalid_grant',
        50057,
        'The user account is disabled or was deleted.',
      );
    }
    const scopes = new Set(grant.scopes);
    const graphScopes = grant.scopes.filter(s => !OIDC_SCOPES.includes(s));
    const scp = [
      ...grant.scopes.filter(s => ['openid', 'profile', 'email'].includes(s)),
      ...graphScopes,
    ].join(' ');
    const common = {
      iss: this.options.issuer,
      tid: this.options.tenantId,
      oid: user.id,
      sub: this.subject(user.id, grant.clientId),
      uti: randomBytes(16).toString('base64url'),
    };
    const accessToken = await this.options.signer.sign(
      {
        ...common,
        aud: MICROSOFT_GRAPH_APP_ID,
        appid: grant.clientId,
        azp: grant.clientId,
        idtyp: 'user',
        name: user.displayName,
        upn: user.userPrincipalName,
        unique_name: user.userPrincipalName,
        scp,
        ver: '2.0',
      },
      TOKEN_LIFETIME_SECONDS,
    );
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: [
        ...grant.scopes.filter(s => OIDC_SCOPES.includes(s)),
        ...graphScopes,
      ].join(' '),
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
    };
    if (scopes.has('openid')) {
      body.id_token = await this.options.signer.sign(
        this.idTokenClaims(user, grant, common),
        ID_TOKEN_LIFETIME_SECONDS,
      );
    }
    if (scopes.has('offline_access')) {
      const refreshToken = randomBytes(64).toString('base64url');
      this.sweepRefreshTokens();
      this.options.refreshTokens[hashOf(refreshToken)] = {
        ...grant,
        nonce: undefined,
        expiresAt: this.now() + REFRESH_TOKEN_LIFETIME_MS,
      };
      this.options.persist();
      body.refresh_token = refreshToken;
    }
    return { status: 200, body };
  }

  private idTokenClaims(
    user: SandboxUser,
    grant: SignInGrant,
    common: JWTPayload,
  ): JWTPayload {
    const scopes = grant.scopes;
    return {
      ...common,
      aud: grant.clientId,
      auth_time: grant.authTime,
      ...(grant.nonce !== undefined && { nonce: grant.nonce }),
      ...(scopes.includes('profile') && {
        name: user.displayName,
        preferred_username: user.userPrincipalName,
      }),
      ...(scopes.includes('email') && user.mail && { email: user.mail }),
      ...groupsClaim(
        this.options.store,
        grant.clientId,
        user,
        this.options.tenantId,
      ),
      ver: '2.0',
    };
  }

  private sweepRefreshTokens() {
    for (const [hash, grant] of Object.entries(this.options.refreshTokens)) {
      if (grant.expiresAt <= this.now()) {
        delete this.options.refreshTokens[hash];
      }
    }
  }

  /** `grant_type=refresh_token` for an authenticated client. */
  async refresh(clientId: string, token: string | null): Promise<OidcResponse> {
    if (!token) {
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'refresh_token'.",
      );
    }
    const grant = this.options.refreshTokens[hashOf(token)];
    if (!grant || grant.clientId.toLowerCase() !== clientId.toLowerCase()) {
      return aadError(
        400,
        'invalid_grant',
        9002313,
        'Invalid request. Request is malformed or invalid: the refresh token is unknown or belongs to another client.',
      );
    }
    if (grant.expiresAt <= this.now()) {
      delete this.options.refreshTokens[hashOf(token)];
      this.options.persist();
      return aadError(
        400,
        'invalid_grant',
        700082,
        'The refresh token has expired due to inactivity.',
      );
    }
    return this.issue(grant);
  }

  /**
   * Graph's `/oidc/userinfo`: the signed-in person's claims for a delegated Graph access
   * token that carries the `openid` scope.
   */
  async userinfo(authorization: string | undefined): Promise<OidcResponse> {
    const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    let claims: JWTPayload;
    try {
      if (!token) {
        throw new Error('no token');
      }
      claims = await this.options.signer.verify(token, {
        issuer: this.options.issuer,
        audience: this.options.graphAudiences,
      });
    } catch {
      return invalidToken('Access token validation failure.');
    }
    const scopes = String(claims.scp ?? '').split(' ');
    if (claims.idtyp !== 'user' || !scopes.includes('openid')) {
      return invalidToken(
        "The access token is not a user's token with the openid scope.",
      );
    }
    const user = this.options.store.findUser(claims.oid as string);
    if (!user || user.accountEnabled === false) {
      return invalidToken('The user account is disabled or was deleted.');
    }
    return {
      status: 200,
      body: {
        sub: claims.sub,
        ...(scopes.includes('profile') && {
          name: user.displayName,
          family_name: user.surname ?? undefined,
          given_name: user.givenName ?? undefined,
        }),
        ...(scopes.includes('email') && user.mail && { email: user.mail }),
      },
    };
  }
}

/** Graph's 401 with the `WWW-Authenticate` challenge OAuth clients read. */
function invalidToken(message: string): OidcResponse {
  return {
    status: 401,
    headers: {
      'www-authenticate': `Bearer error="invalid_token", error_description="${message.replace(
        /"/g,
        "'",
      )}"`,
    },
    body: graphErrorBody(
      new GraphHttpError(401, 'InvalidAuthenticationToken', message),
      randomUUID(),
      randomUUID(),
    ),
  };
}
