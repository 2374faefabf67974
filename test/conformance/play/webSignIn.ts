import { JWTPayload } from 'jose';
import { inStep, StepFailure } from '../failure';
import { WebSignIn } from '../extract/types';
import { authorizationCode } from './authorizationCode';
import { discover } from './provider';
import { acceptToken } from './tokens';
import { callsUserInfo, fetchUserInfo } from './userInfo';

/**
 * A confidential web application's login for one person: code flow with its secret, the ID
 * token checked as an OIDC client does, userinfo as its Spring Security version calls it, and
 * the access token accepted by the audiences it is configured with. Returns the claims the
 * component knows the person by (ID token and userinfo).
 */
export async function playWebSignIn(
  signIn: WebSignIn,
  loginHint: string,
  ca: string,
): Promise<Record<string, unknown>> {
  const provider = await inStep('discovery', () =>
    discover(signIn.authority, ca),
  );
  const issuer = provider.issuer!;
  const { response, nonce } = await authorizationCode(provider, {
    clientId: signIn.clientId,
    redirectUri: signIn.redirectUri,
    scopes: signIn.scopes,
    loginHint,
    client: {
      kind: 'confidential',
      clientSecret: signIn.clientSecret,
      authentication: signIn.clientAuthentication,
    },
    ca,
  });
  const idToken: JWTPayload = await acceptToken(
    response.id_token,
    provider,
    { issuer, audiences: [signIn.clientId] },
    'id token',
  );
  if (idToken.nonce !== nonce) {
    throw new StepFailure('id token', 'the nonce is not the one sent');
  }
  let userInfo: Record<string, unknown> = {};
  if (callsUserInfo(signIn.userInfo, provider, response.scope, signIn.scopes)) {
    userInfo = await fetchUserInfo(
      provider,
      response.access_token,
      idToken,
      ca,
    );
  }
  await acceptToken(
    response.access_token,
    provider,
    { issuer, audiences: signIn.audiences },
    'access token',
  );
  return { ...idToken, ...userInfo };
}
