import { inStep, StepFailure } from '../failure';
import { SpaSignIn } from '../extract/types';
import { authorizationCode } from './authorizationCode';
import { discover } from './provider';
import { acceptToken } from './tokens';

/**
 * A single-page app's login: code flow with PKCE, redeemed from the browser (the app's origin
 * in `Origin`, no secret), and the access token accepted by the API the app calls, which
 * reads the user's name from it.
 */
export async function playSpaSignIn(
  signIn: SpaSignIn,
  loginHint: string,
  ca: string,
): Promise<void> {
  const provider = await inStep('discovery', () =>
    discover(signIn.authority, ca),
  );
  const { response } = await authorizationCode(provider, {
    clientId: signIn.clientId,
    redirectUri: signIn.redirectUri,
    scopes: signIn.scopes,
    loginHint,
    client: { kind: 'spa', origin: new URL(signIn.redirectUri).origin },
    ca,
  });
  const claims = await acceptToken(
    response.access_token,
    provider,
    { issuer: provider.issuer!, audiences: signIn.audiences },
    'api accepts token',
  );
  if (
    signIn.usernameClaim &&
    typeof claims[signIn.usernameClaim] !== 'string'
  ) {
    throw new StepFailure(
      'username claim',
      `the access token has no ${signIn.usernameClaim} claim for the API to name ${loginHint} by`,
    );
  }
}
