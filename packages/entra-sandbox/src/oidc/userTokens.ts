import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { JWTPayload } from 'jose';
import { DirectoryStore, SandboxUser } from '../directory/store';
import { GraphHttpError, graphErrorBody } from '../graph/errors';
import {
  invalidAuthenticationToken,
  verifyGraphBearer,
} from '../graph/bearerToken';
import {
  ClientAuthentication,
  configuredOptionalClaims,
  optionalPersonClaims,
  personClaims,
  versionedClaims,
} from './accessTokenClaims';
import { aadError, OidcResponse } from './aadError';
import { groupsClaim } from './groupsClaim';
import { RedirectPlatform, SignInGrant } from './authorizationCodes';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';
import { OIDC_SCOPES } from './requestedScopes';
import {
  acceptedTokenVersion,
  findResourceApplication,
  isGraph,
  TokenResource,
} from './resources';
import { TokenSigner } from './tokenSigner';

const TOKEN_LIFETIME_SECONDS = 3599;
const ID_TOKEN_LIFETIME_SECONDS = 3600;
/** Entra's refresh tokens for web apps last 90 days (sliding). */
const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;
/** A SPA's refresh tokens last 24 hours from the sign-in, however often they are used. */
const SPA_REFRESH_TOKEN_LIFETIME_MS = 86_400_000;

/** What a refresh token stands for, kept by the token's hash. */
export interface RefreshGrant extends SignInGrant {
  expiresAt: number;
}

const hashOf = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/** An access token and the `scope` of the token response that lists what it grants. */
interface AccessToken {
  token: string;
  scope: string;
}

/**
 * Tokens for people: ID tokens for the client, access tokens for the one resource of the
 * sign-in (Microsoft Graph or an application of the tenant, shaped by the version it accepts),
 * refresh tokens (opaque, hashed, in memory) and Graph's userinfo endpoint.
 */
export class UserTokens {
  constructor(
    private readonly options: {
      issuer: string;
      /** Issuers Graph accepts tokens from: the tenant's v2 and v1 issuers. */
      graphIssuers: string[];
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

  /**
   * The token response for a grant whose user is still there and enabled. A SPA's refresh
   * token keeps the expiry of the one it replaces (`refreshExpiresAt`).
   */
  async issue(
    grant: SignInGrant,
    client: {
      authentication: ClientAuthentication;
      refreshExpiresAt?: number;
    },
  ): Promise<OidcResponse> {
    const user = this.options.store.findUser(grant.userId);
    if (!user || user.accountEnabled === false) {
      return aadError(
        400,
        'invalid_grant',
        50057,
        'The user account is disabled or was deleted.',
      );
    }
    const common = {
      tid: this.options.tenantId,
      oid: user.id,
      sub: this.subject(user.id, grant.clientId),
      uti: randomBytes(16).toString('base64url'),
    };
    const accessToken = isGraph(grant.resource)
      ? await this.graphAccessToken(user, grant, common)
      : await this.resourceAccessToken(
          user,
          grant,
          grant.resource!,
          client.authentication,
          common,
        );
    if ('status' in accessToken) {
      return accessToken;
    }
    const scopes = new Set(grant.scopes);
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: accessToken.scope,
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken.token,
    };
    if (scopes.has('openid')) {
      body.id_token = await this.options.signer.sign(
        this.idTokenClaims(user, grant, {
          ...common,
          iss: this.options.issuer,
        }),
        ID_TOKEN_LIFETIME_SECONDS,
      );
    }
    if (scopes.has('offline_access')) {
      const refreshToken = randomBytes(64).toString('base64url');
      this.sweepRefreshTokens();
      this.options.refreshTokens[hashOf(refreshToken)] = {
        ...grant,
        nonce: undefined,
        expiresAt:
          client.refreshExpiresAt ??
          this.now() +
            (grant.platform === 'spa'
              ? SPA_REFRESH_TOKEN_LIFETIME_MS
              : REFRESH_TOKEN_LIFETIME_MS),
      };
      this.options.persist();
      body.refresh_token = refreshToken;
    }
    return { status: 200, body };
  }

  /**
   * Graph's access token, in the shape the sandbox's Graph has always accepted (v2 issuer,
   * Graph's application ID as audience); the token response lists the OIDC scopes too.
   */
  private async graphAccessToken(
    user: SandboxUser,
    grant: SignInGrant,
    common: JWTPayload,
  ): Promise<AccessToken> {
    const graphScopes = grant.scopes.filter(s => !OIDC_SCOPES.includes(s));
    const scp = [
      ...grant.scopes.filter(s => ['openid', 'profile', 'email'].includes(s)),
      ...graphScopes,
    ].join(' ');
    const token = await this.options.signer.sign(
      {
        ...common,
        iss: this.options.issuer,
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
    return {
      token,
      scope: [
        ...grant.scopes.filter(s => OIDC_SCOPES.includes(s)),
        ...graphScopes,
      ].join(' '),
    };
  }

  /**
   * An access token for an application of the tenant, in the version it accepts: `scp` the
   * scopes it exposes that were granted (none when it exposes none), `groups` per ITS
   * `groupMembershipClaims`. The token response's `scope` lists the resource-qualified scopes
   * only, never `profile` or `email`, as Entra's does.
   */
  private async resourceAccessToken(
    user: SandboxUser,
    grant: SignInGrant,
    resource: TokenResource,
    authentication: ClientAuthentication,
    common: JWTPayload,
  ): Promise<AccessToken | OidcResponse> {
    const application = findResourceApplication(
      this.options.store,
      resource.appId,
    );
    if (!application) {
      return aadError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource.identifier} was not found in the tenant named ${this.options.tenantId}.`,
      );
    }
    const version = acceptedTokenVersion(application);
    const values = grant.scopes.filter(s => !OIDC_SCOPES.includes(s));
    const token = await this.options.signer.sign(
      {
        ...common,
        ...versionedClaims({
          version,
          resource,
          clientId: grant.clientId,
          clientAuthentication: authentication,
          issuer: this.options.issuer,
          tenantId: this.options.tenantId,
        }),
        ...(values.length > 0 && { scp: values.join(' ') }),
        ...personClaims({
          version,
          user,
          scopes: grant.scopes,
          application,
        }),
        ...groupsClaim(
          this.options.store,
          resource.appId,
          user,
          this.options.tenantId,
        ),
      },
      TOKEN_LIFETIME_SECONDS,
    );
    const qualified = (values.length > 0 ? values : ['.default']).map(
      value => `${resource.identifier}/${value}`,
    );
    return { token, scope: qualified.join(' ') };
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
      // The client's own optional claims, e.g. upn, which v2 ID tokens carry only this way.
      ...optionalPersonClaims(
        configuredOptionalClaims(
          this.options.store.findApplication({
            property: 'appId',
            value: grant.clientId,
          }),
          'idToken',
        ),
        user,
      ),
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

  /** The platform of the sign-in a refresh token continues; undefined when unknown. */
  platformOf(token: string): RedirectPlatform | undefined {
    const grant = this.options.refreshTokens[hashOf(token)];
    return grant && (grant.platform ?? 'web');
  }

  /** `grant_type=refresh_token` for a client that passed its platform's checks. */
  async refresh(
    clientId: string,
    token: string | null,
    authentication: ClientAuthentication,
  ): Promise<OidcResponse> {
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
      return grant.platform === 'spa'
        ? aadError(
            400,
            'invalid_grant',
            700084,
            'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.',
          )
        : aadError(
            400,
            'invalid_grant',
            700082,
            'The refresh token has expired due to inactivity.',
          );
    }
    return this.issue(grant, {
      authentication,
      refreshExpiresAt: grant.platform === 'spa' ? grant.expiresAt : undefined,
    });
  }

  /**
   * Graph's `/oidc/userinfo`: the signed-in person's claims for a delegated Graph access
   * token that carries the `openid` scope.
   */
  async userinfo(authorization: string | undefined): Promise<OidcResponse> {
    let claims: JWTPayload;
    try {
      claims = await verifyGraphBearer(this.options.signer, authorization, {
        issuers: this.options.graphIssuers,
        audiences: this.options.graphAudiences,
      });
    } catch (error) {
      if (error instanceof GraphHttpError) {
        return graphRefusal(error);
      }
      throw error;
    }
    const scopes = String(claims.scp ?? '').split(' ');
    if (claims.idtyp !== 'user' || !scopes.includes('openid')) {
      return graphRefusal(
        invalidAuthenticationToken(
          "The access token is not a user's token with the openid scope.",
        ),
      );
    }
    const user = this.options.store.findUser(claims.oid as string);
    if (!user || user.accountEnabled === false) {
      return graphRefusal(
        invalidAuthenticationToken(
          'The user account is disabled or was deleted.',
        ),
      );
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

/** Graph's error body and headers for a refused token. */
function graphRefusal(error: GraphHttpError): OidcResponse {
  return {
    status: error.status,
    headers: error.headers,
    body: graphErrorBody(error, randomUUID(), randomUUID()),
  };
}
