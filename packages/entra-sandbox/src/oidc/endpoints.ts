import { createHash, timingSafeEqual } from 'node:crypto';
import { JWTPayload, jwtVerify } from 'jose';
import { DirectoryStore } from '../directory/store';
import { aadError, OidcResponse } from './aadError';
import { AuthorizationCodes } from './authorizationCodes';
import { RegisteredIdentity } from './identities';
import {
  ClientAuthentication,
  v1Issuer,
  versionedClaims,
} from './accessTokenClaims';
import { RedirectPlatform } from './authorizationCodes';
import { OIDC_SCOPES, parseRequestedScopes } from './requestedScopes';
import {
  acceptedTokenVersion,
  findResourceApplication,
  isGraphResource,
} from './resources';
import { TokenSigner } from './tokenSigner';
import { RefreshGrant, UserTokens } from './userTokens';

import { KEY_VAULT_RESOURCE } from '../keyvault/resource';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';

export { MICROSOFT_GRAPH_APP_ID };
export const FEDERATED_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3599;
// Entra tolerates this much clock skew on client assertions.
const CLOCK_SKEW_SECONDS = 300;
const GRANT_TYPES = [
  'client_credentials',
  'authorization_code',
  'refresh_token',
];

interface Client {
  appId: string;
  servicePrincipalId: string;
  roles: string[];
  identity?: RegisteredIdentity;
  secretHashes?: Record<string, string>;
  passwordCredentials?: Array<{ keyId: string; endDateTime: string }>;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `user:password` of HTTP Basic, each form-urlencoded as RFC 6749 (2.3.1) says. */
function basicCredentials(authorization: string) {
  const decoded = Buffer.from(authorization.slice(6), 'base64').toString(
    'utf8',
  );
  const separator = decoded.indexOf(':');
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  return separator < 0
    ? { clientId: decode(decoded), clientSecret: '' }
    : {
        clientId: decode(decoded.slice(0, separator)),
        clientSecret: decode(decoded.slice(separator + 1)),
      };
}

/**
 * A SPA's grants are redeemed as a public client's: without a secret or assertion, and only
 * cross-origin, from a browser (the `Origin` header).
 */
function publicClientRefusal(
  clientSecret: string | null,
  form: URLSearchParams,
  origin: string | undefined,
): ClientAuthentication | OidcResponse {
  if (clientSecret || form.get('client_assertion')) {
    return aadError(
      401,
      'invalid_client',
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    );
  }
  if (!origin) {
    return aadError(
      400,
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    );
  }
  return '0';
}

/** Every other token request comes from a server: a browser origin is refused. */
function crossOriginRefusal(origin: string | undefined) {
  return origin
    ? aadError(
        400,
        'invalid_request',
        9002326,
        `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
      )
    : undefined;
}

/**
 * The sign-in side of the sandbox: OIDC discovery, JWKS and the token endpoint (client
 * credentials, authorization code, refresh token), shaped as MSAL and openid-client expect
 * (issuer on the authority's scheme and host:port).
 */
export class OidcEndpoints {
  readonly codes: AuthorizationCodes;
  readonly userTokens: UserTokens;

  constructor(
    private readonly options: {
      origin: string;
      /**
       * Where browsers open the authorize and logout pages, when not on `origin`: a browser
       * refuses the sandbox's self-signed HTTPS certificate, so they get a plain-HTTP
       * listener on 127.0.0.1. Token, keys and userinfo stay on HTTPS for machines.
       */
      browserOrigin?: string;
      tenantId: string;
      signer: TokenSigner;
      store: DirectoryStore;
      identities: RegisteredIdentity[];
      refreshTokens: Record<string, RefreshGrant>;
      persist: () => void;
    },
  ) {
    this.codes = new AuthorizationCodes();
    this.userTokens = new UserTokens({
      issuer: this.issuer,
      graphIssuers: this.graphIssuers,
      tenantId: options.tenantId,
      signer: options.signer,
      store: options.store,
      graphAudiences: this.graphAudiences,
      refreshTokens: options.refreshTokens,
      persist: options.persist,
    });
  }

  get metadataUrl(): string {
    return `${this.options.origin}/${this.options.tenantId}/v2.0/.well-known/openid-configuration`;
  }

  get issuer(): string {
    return `${this.options.origin}/${this.options.tenantId}/v2.0`;
  }

  /** Issuers of the tenant's tokens Graph accepts: v2 and v1. */
  get graphIssuers(): string[] {
    return [this.issuer, v1Issuer(this.options.tenantId)];
  }

  get federationIssuer(): string {
    return `${this.options.origin}/federation`;
  }

  /**
   * Audiences the sandbox accepts on Graph calls. The origin without its port too: clients
   * such as the catalog's msgraph module ask for `<protocol>//<hostname>/.default`.
   */
  get graphAudiences(): string[] {
    const { protocol, hostname } = new URL(this.options.origin);
    return [
      this.options.origin,
      `${protocol}//${hostname}`,
      'https://graph.microsoft.com',
      MICROSOFT_GRAPH_APP_ID,
    ];
  }

  private tokenEndpoint(): string {
    return `${this.options.origin}/${this.options.tenantId}/oauth2/v2.0/token`;
  }

  /** Handles `/{tenant}/...`; undefined when the path is not an OIDC endpoint. */
  async handle(
    method: string,
    path: string,
    rawBody: string,
    headers: { authorization?: string; origin?: string } = {},
  ): Promise<OidcResponse | undefined> {
    const match =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/token)$/.exec(
        path,
      );
    if (!match) {
      return undefined;
    }
    const [, tenant, endpoint] = match;
    if (tenant.toLowerCase() !== this.options.tenantId.toLowerCase()) {
      return aadError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
    if (endpoint === 'oauth2/v2.0/token') {
      if (method !== 'POST') {
        return aadError(
          400,
          'invalid_request',
          900561,
          'The endpoint only accepts POST requests.',
        );
      }
      return this.token(new URLSearchParams(rawBody), headers);
    }
    if (method !== 'GET') {
      return { status: 405, body: { error: 'method_not_allowed' } };
    }
    return endpoint === 'discovery/v2.0/keys'
      ? { status: 200, body: this.options.signer.jwks() }
      : { status: 200, body: this.discoveryDocument() };
  }

  private discoveryDocument() {
    const base = `${this.options.origin}/${this.options.tenantId}`;
    const browserBase = `${this.options.browserOrigin ?? this.options.origin}/${
      this.options.tenantId
    }`;
    const host = new URL(this.options.origin).host;
    return {
      token_endpoint: this.tokenEndpoint(),
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'id_token token',
      ],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: this.issuer,
      request_uri_parameter_supported: false,
      // Graph's userinfo endpoint, on the Graph host as in Entra.
      userinfo_endpoint: `${this.options.origin}/oidc/userinfo`,
      authorization_endpoint: `${browserBase}/oauth2/v2.0/authorize`,
      // Entra's document leaves this out although Entra supports both; openid-client reads it.
      code_challenge_methods_supported: ['S256', 'plain'],
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${browserBase}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      tenant_region_scope: null,
      cloud_instance_name: 'entra-sandbox.local',
      cloud_graph_host_name: host,
      msgraph_host: host,
    };
  }

  private findClient(clientId: string): Client | undefined {
    const identity = this.options.identities.find(
      i => i.clientId.toLowerCase() === clientId.toLowerCase(),
    );
    if (identity) {
      return {
        appId: identity.clientId,
        servicePrincipalId: identity.servicePrincipalId,
        roles: identity.roles,
        identity,
      };
    }
    const application = this.options.store.findApplication({
      property: 'appId',
      value: clientId,
    });
    const sp = this.options.store.findServicePrincipal({
      property: 'appId',
      value: clientId,
    });
    if (!application || !sp) {
      return undefined;
    }
    return {
      appId: application.entity.appId as string,
      servicePrincipalId: sp.entity.id as string,
      roles: [],
      secretHashes: application.secretHashes,
      passwordCredentials: application.entity
        .passwordCredentials as Client['passwordCredentials'],
    };
  }

  private secretMatches(client: Client, secret: string): boolean {
    if (client.identity) {
      return (
        Boolean(client.identity.clientSecret) &&
        sameSecret(secret, client.identity.clientSecret!)
      );
    }
    const hash = createHash('sha256').update(secret).digest('hex');
    return (client.passwordCredentials ?? []).some(
      c =>
        client.secretHashes?.[c.keyId] === hash &&
        Date.parse(c.endDateTime) > Date.now(),
    );
  }

  private async assertionMatches(
    client: Client,
    assertion: string,
  ): Promise<boolean> {
    const identity = client.identity;
    try {
      if (identity?.certificate) {
        await jwtVerify(assertion, identity.certificate.publicKey, {
          issuer: identity.clientId,
          subject: identity.clientId,
          audience: [
            this.tokenEndpoint(),
            `${this.options.origin}/${this.options.tenantId}/v2.0`,
          ],
          clockTolerance: CLOCK_SKEW_SECONDS,
        });
        return true;
      }
      if (identity?.federatedSubject) {
        const payload = await this.options.signer.verify(assertion, {
          issuer: this.federationIssuer,
          audience: [FEDERATED_TOKEN_AUDIENCE],
        });
        return payload.sub === identity.federatedSubject;
      }
    } catch {
      return false;
    }
    return false;
  }

  private async token(
    form: URLSearchParams,
    headers: { authorization?: string; origin?: string },
  ): Promise<OidcResponse> {
    const { clientId, clientSecret } = headers.authorization?.startsWith(
      'Basic ',
    )
      ? basicCredentials(headers.authorization)
      : {
          clientId: form.get('client_id'),
          clientSecret: form.get('client_secret'),
        };
    const grantType = form.get('grant_type');
    if (!grantType || !GRANT_TYPES.includes(grantType)) {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'. The sandbox issues client credentials, authorization code and refresh token grants.`,
      );
    }
    const required =
      grantType === 'client_credentials'
        ? ['client_id', 'scope']
        : ['client_id'];
    for (const name of required) {
      const value = name === 'client_id' ? clientId : form.get(name);
      if (!value) {
        return aadError(
          400,
          'invalid_request',
          900144,
          `The request body must contain the following parameter: '${name}'.`,
        );
      }
    }
    const client = this.findClient(clientId!);
    if (!client) {
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${this.options.tenantId}'.`,
      );
    }
    const platform = this.platformOfGrant(grantType, form, headers.origin);
    const authentication =
      platform === 'spa'
        ? publicClientRefusal(clientSecret, form, headers.origin)
        : crossOriginRefusal(headers.origin) ??
          (await this.authenticateClient(client, clientSecret, form));
    if (typeof authentication !== 'string') {
      return authentication;
    }
    if (grantType === 'authorization_code') {
      return this.redeemCode(client, form, authentication);
    }
    if (grantType === 'refresh_token') {
      return this.userTokens.refresh(
        client.appId,
        form.get('refresh_token'),
        authentication,
      );
    }
    return this.issue(client, form.get('scope')!, authentication);
  }

  /**
   * The platform whose rules a user grant is redeemed under: that of the redirect URI of the
   * code's sign-in, or of the refresh token's. A code or refresh token the sandbox does not
   * know is judged by the request: cross-origin as a SPA's, so that it hears why the grant is
   * refused rather than that it lacks a secret.
   */
  private platformOfGrant(
    grantType: string,
    form: URLSearchParams,
    origin: string | undefined,
  ): RedirectPlatform {
    let known: RedirectPlatform | undefined = 'web';
    if (grantType === 'authorization_code') {
      known = this.codes.platformOf(form.get('code') ?? '');
    } else if (grantType === 'refresh_token') {
      known = this.userTokens.platformOf(form.get('refresh_token') ?? '');
    }
    return known ?? (origin ? 'spa' : 'web');
  }

  /** A client secret or a client assertion, as confidential clients authenticate. */
  private async authenticateClient(
    client: Client,
    clientSecret: string | null,
    form: URLSearchParams,
  ): Promise<ClientAuthentication | OidcResponse> {
    const assertion = form.get('client_assertion');
    if (clientSecret) {
      return this.secretMatches(client, clientSecret)
        ? '1'
        : aadError(
            401,
            'invalid_client',
            7000215,
            'Invalid client secret provided.',
          );
    }
    if (assertion && form.get('client_assertion_type') === ASSERTION_TYPE) {
      return (await this.assertionMatches(client, assertion))
        ? '2'
        : aadError(
            401,
            'invalid_client',
            700027,
            'Client assertion failed signature validation.',
          );
    }
    return aadError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }

  private async redeemCode(
    client: Client,
    form: URLSearchParams,
    authentication: ClientAuthentication,
  ): Promise<OidcResponse> {
    const code = form.get('code');
    if (!code) {
      return aadError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'code'.",
      );
    }
    const result = this.codes.redeem(code, {
      clientId: client.appId,
      redirectUri: form.get('redirect_uri'),
      verifier: form.get('code_verifier'),
    });
    if ('description' in result) {
      return aadError(
        400,
        result.error ?? 'invalid_grant',
        result.code,
        result.description,
      );
    }
    return this.userTokens.issue(result, { authentication });
  }

  /**
   * Client credentials: `<resource>/.default` only. Microsoft Graph's and Key Vault's tokens
   * keep the shape their sandbox endpoints accept; an application's follow the token version
   * it accepts. `roles` only when some are assigned, never `scp`.
   */
  private async issue(
    client: Client,
    scope: string,
    authentication: ClientAuthentication,
  ): Promise<OidcResponse> {
    const scopes = scope.split(' ').filter(s => s && !OIDC_SCOPES.includes(s));
    if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) {
      return aadError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const resource = scopes[0].slice(0, -'/.default'.length);
    const ownShape = {
      iss: this.issuer,
      appid: client.appId,
      azp: client.appId,
      idtyp: 'app',
      ver: '2.0',
    };
    let claims: JWTPayload;
    if (isGraphResource(resource, this.graphAudiences)) {
      claims = {
        ...ownShape,
        aud: resource.replace(/\/+$/, ''),
        ...(client.roles.length > 0 && { roles: client.roles }),
      };
    } else if (resource.replace(/\/+$/, '') === KEY_VAULT_RESOURCE) {
      // Vault access comes from role assignments on the vault, not from the token.
      claims = { ...ownShape, aud: KEY_VAULT_RESOURCE };
    } else {
      const requested = parseRequestedScopes(
        scopes[0],
        {
          store: this.options.store,
          graphAudiences: this.graphAudiences,
          tenantId: this.options.tenantId,
        },
        client.appId,
      );
      if ('code' in requested) {
        return aadError(
          400,
          requested.error,
          requested.code,
          requested.description,
        );
      }
      const target = findResourceApplication(
        this.options.store,
        requested.resource.appId,
      )!;
      claims = versionedClaims({
        version: acceptedTokenVersion(target),
        resource: requested.resource,
        clientId: client.appId,
        clientAuthentication: authentication,
        issuer: this.issuer,
        tenantId: this.options.tenantId,
      });
    }
    const accessToken = await this.options.signer.sign(
      {
        ...claims,
        tid: this.options.tenantId,
        oid: client.servicePrincipalId,
        sub: client.servicePrincipalId,
      },
      TOKEN_LIFETIME_SECONDS,
    );
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: TOKEN_LIFETIME_SECONDS,
        ext_expires_in: TOKEN_LIFETIME_SECONDS,
        access_token: accessToken,
      },
    };
  }

  /** A token a workload identity platform would project, accepted for `federatedSubject`. */
  issueFederatedToken(subject: string): Promise<string> {
    return this.options.signer.sign(
      {
        iss: this.federationIssuer,
        sub: subject,
        aud: FEDERATED_TOKEN_AUDIENCE,
      },
      3600,
    );
  }
}
