import { createHash, randomBytes } from 'node:crypto';
import { StepFailure } from '../failure';
import { httpsRequest, jsonBody } from '../http';
import { pageError, redirectError, tokenError } from './entraErrors';
import { Provider } from './provider';

/** How the client proves itself at the token endpoint. */
export type CodeClient =
  /** A confidential web application: its client secret, server to server. */
  | { kind: 'confidential'; clientSecret: string }
  /** A single-page app: PKCE and the browser's `Origin`, no secret. */
  | { kind: 'spa'; origin: string };

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
  const token = await httpsRequest(provider.tokenEndpoint, {
    ca: request.ca,
    headers:
      request.client.kind === 'spa' ? { origin: request.client.origin } : {},
    form: {
      grant_type: 'authorization_code',
      client_id: request.clientId,
      code,
      redirect_uri: request.redirectUri,
      ...(request.client.kind === 'spa'
        ? { code_verifier: verifier }
        : { client_secret: request.client.clientSecret }),
    },
  });
  const body = jsonBody(token);
  if (token.status !== 200 || !body) {
    throw new StepFailure('token', tokenError(token));
  }
  return { response: body, nonce };
}
