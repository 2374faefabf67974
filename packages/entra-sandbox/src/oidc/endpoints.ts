import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { DirectoryStore } from '../directory/store';
import { RegisteredIdentity } from './identities';
import { TokenSigner } from './tokenSigner';

/** Resource identifiers that mean Microsoft Graph in a token request. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const FEDERATED_TOKEN_AUDIENCE = 'api://AzureADTokenExchange';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3599;
// Entra tolerates this much clock skew on client assertions.
const CLOCK_SKEW_SECONDS = 300;
const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'email'];

export interface OidcResponse {
  status: number;
  body: unknown;
}

interface Client {
  appId: string;
  servicePrincipalId: string;
  roles: string[];
  identity?: RegisteredIdentity;
  secretHashes?: Record<string, string>;
  passwordCredentials?: Array<{ keyId: string; endDateTime: string }>;
}

/** Entra's OAuth error body: error, AADSTS description, codes, trace and correlation ids. */
function aadError(
  status: number,
  error: string,
  code: number,
  description: string,
) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The sign-in side of the sandbox: OIDC discovery, JWKS and a client-credentials token
 * endpoint, shaped as MSAL expects (issuer on the authority's scheme and host:port).
 */
export class OidcEndpoints {
  constructor(
    private readonly options: {
      origin: string;
      tenantId: string;
      signer: TokenSigner;
      store: DirectoryStore;
      identities: RegisteredIdentity[];
    },
  ) {}

  get issuer(): string {
    return `${this.options.origin}/${this.options.tenantId}/v2.0`;
  }

  get federationIssuer(): string {
    return `${this.options.origin}/federation`;
  }

  /** Audiences the sandbox accepts on Graph calls. */
  get graphAudiences(): string[] {
    return [
      this.options.origin,
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
    authorization?: string,
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
      return this.token(new URLSearchParams(rawBody), authorization);
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
    return {
      issuer: this.issuer,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: this.tokenEndpoint(),
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'id_token token',
      ],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: [
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'azp',
        'preferred_username',
        'tid',
      ],
      tenant_region_scope: null,
      cloud_instance_name: 'entra-sandbox.local',
      cloud_graph_host_name: new URL(this.options.origin).host,
      msgraph_host: new URL(this.options.origin).host,
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
    authorization?: string,
  ): Promise<OidcResponse> {
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    if (authorization?.startsWith('Basic ')) {
      const [user, password] = Buffer.from(authorization.slice(6), 'base64')
        .toString('utf8')
        .split(':');
      clientId = decodeURIComponent(user);
      clientSecret = decodeURIComponent(password ?? '');
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.get(
          'grant_type',
        )}'. The sandbox issues client credentials tokens only.`,
      );
    }
    for (const [name, value] of [
      ['client_id', clientId],
      ['scope', form.get('scope')],
    ]) {
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
    const assertion = form.get('client_assertion');
    if (clientSecret) {
      if (!this.secretMatches(client, clientSecret)) {
        return aadError(
          401,
          'invalid_client',
          7000215,
          'Invalid client secret provided.',
        );
      }
    } else if (
      assertion &&
      form.get('client_assertion_type') === ASSERTION_TYPE
    ) {
      if (!(await this.assertionMatches(client, assertion))) {
        return aadError(
          401,
          'invalid_client',
          700027,
          'Client assertion failed signature validation.',
        );
      }
    } else {
      return aadError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    return this.issue(client, form.get('scope')!);
  }

  private async issue(client: Client, scope: string): Promise<OidcResponse> {
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
    let audience: string;
    let roles: string[] = [];
    if (this.graphAudiences.includes(resource.replace(/\/+$/, ''))) {
      audience = resource.replace(/\/+$/, '');
      roles = client.roles;
    } else {
      const target =
        this.options.store.findApplication({
          property: 'appId',
          value: resource,
        }) ??
        this.options.store.data.applications.find(a =>
          (a.entity.identifierUris as string[]).includes(resource),
        );
      if (!target) {
        return aadError(
          400,
          'invalid_resource',
          500011,
          `The resource principal named ${resource} was not found in the tenant named ${this.options.tenantId}.`,
        );
      }
      audience = target.entity.appId as string;
    }
    const accessToken = await this.options.signer.sign(
      {
        aud: audience,
        iss: this.issuer,
        tid: this.options.tenantId,
        appid: client.appId,
        azp: client.appId,
        oid: client.servicePrincipalId,
        sub: client.servicePrincipalId,
        roles,
        idtyp: 'app',
        ver: '2.0',
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
