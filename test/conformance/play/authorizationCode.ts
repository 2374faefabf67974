import { createHash, randomBytes } from 'node:crypto';
import { StepFailure } from '../failure';
import { httpsRequest, jsonBody } from '../http';
import { pageError, redirectError, tokenError } from './entraErrors';
import { Provider } from './provider';

/** How the client proves itself at the token endpoint. */
export type CodeClient =
  /** A confidential web application: its client secret, server to server. */
  | {
      kind: 'confidential';
      clientSecret: string;
      authentication: ClientAuthentication;
    }
  /** A single-page app: PKCE and the browser's `Origin`, no secret. */
  | { kind: 'spa'; origin: string };

/**
 * Where a confidential client sends its secret: HTTP Basic (Spring Security's default) or the
 * form (the Identity SDK).
 */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post';

/** `Authorization: Basic`, each part form-urlencoded first as RFC 6749 (2.3.1) says. */
function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (text: string) =>
    new URLSearchParams({ v: text }).toString().slice(2);
  return `Basic ${Buffer.from(
    `${encode(clientId)}:${encode(clientSecret)}`,
  ).toString('base64')}`;
}

/** The headers and form fields that authenticate the client at the token endpoint. */
function clientProof(
  client: CodeClient,
  clientId: string,
  verifier: string,
): { headers: Record<string, string>; form: Record<string, string> } {
  if (client.kind === 'spa') {
    return {
      headers: { origin: client.origin },
      form: { client_id: clientId, code_verifier: verifier },
    };
  }
  return client.authentication === 'client_secret_basic'
    ? {
        headers: {
          authorization: basicAuthorization(clientId, client.clientSecret),
        },
        form: {},
      }
    : {
        headers: {},
        form: { client_id: clientId, client_secret: client.clientSecret },
      };
}

/** The token response of an authorization code sign-in, with the nonce it was bound to. */
export interface CodeTokens {
  response: Record<string, any>;
  nonce: string;
}

const random = () => randomBytes(24).toString('base64url');

/**
 * Signs a person in with the authorization code flow, without a browser: the authorize URL
 * with `login_hint` (Entra signs the hinted user in and redirects with a code), then the code
 * redeemed at the token endpoint as the client would.
 */
export async function authorizationCode(
  provider: Provider,
  request: {
    clientId: string;
    redirectUri: string;
    scopes: string[];
    loginHint: string;
    client: CodeClient;
    ca: string;
  },
): Promise<CodeTokens> {
  if (!provider.authorizationEndpoint) {
    throw new StepFailure(
      'authorize',
      'the provider has no authorization endpoint',
    );
  }
  const state = random();
  const nonce = random();
  const verifier = random() + random();
  const url = new URL(provider.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    state,
    nonce,
    login_hint: request.loginHint,
    ...(request.client.kind === 'spa' && {
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }),
  }).toString();
  const authorize = await httpsRequest(url.toString(), { ca: request.ca });
  const location = authorize.headers.location;
  if (authorize.status !== 302 || !location) {
    throw new StepFailure('authorize', pageError(authorize));
  }
  const back = new URL(location);
  const error = redirectError(back);
  if (error) {
    throw new StepFailure('authorize', error);
  }
  const expected = new URL(request.redirectUri);
  if (
    `${back.origin}${back.pathname}` !==
    `${expected.origin}${expected.pathname}`
  ) {
    throw new StepFailure(
      'authorize',
      `redirected to ${back.origin}${back.pathname}, not ${request.redirectUri}`,
    );
  }
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) {
    throw new StepFailure(
      'authorize',
      'no code or another state in the redirect',
    );
  }
  const proof = clientProof(request.client, request.clientId, verifier);
  const token = await httpsRequest(provider.tokenEndpoint, {
    ca: request.ca,
    headers: proof.headers,
    form: {
      grant_type: 'authorization_code',
      code,
      redirect_uri: request.redirectUri,
      ...proof.form,
    },
  });
  const body = jsonBody(token);
  if (token.status !== 200 || !body) {
    throw new StepFailure('token', tokenError(token));
  }
  return { response: body, nonce };
}
