import { JWTPayload } from 'jose';
import { StepFailure } from '../failure';
import { httpsRequest, jsonBody } from '../http';
import { UserInfoPolicy } from '../extract/types';
import { graphError } from './entraErrors';
import { Provider } from './provider';

/** Spring Security 6's default `accessibleScopes`: the OIDC standard claim scopes. */
const STANDARD_CLAIM_SCOPES = ['profile', 'email', 'address', 'phone'];

/**
 * Whether Spring Security's `OidcUserService` calls userinfo after the code exchange. Both
 * versions need a userinfo endpoint in the discovery document. Spring Security 6 calls it only
 * when the access token's scopes (the token response's `scope`, else the requested ones)
 * include a standard claim scope; 7 always does, unless the component turns it off.
 */
export function callsUserInfo(
  policy: UserInfoPolicy,
  provider: Provider,
  granted: string | undefined,
  requested: string[],
): boolean {
  if (policy === 'off' || !provider.userinfoEndpoint) {
    return false;
  }
  if (policy === 'spring-security-7') {
    return true;
  }
  const scopes = granted ? granted.split(' ') : requested;
  return scopes.some(scope => STANDARD_CLAIM_SCOPES.includes(scope));
}

/**
 * The userinfo call with the access token of the sign-in. Any answer but 200 ends the login
 * (Spring: `invalid_user_info_response`, a 500 at the callback); so does a `sub` other than the
 * ID token's.
 */
export async function fetchUserInfo(
  provider: Provider,
  accessToken: string,
  idToken: JWTPayload,
  ca: string,
): Promise<Record<string, unknown>> {
  const response = await httpsRequest(provider.userinfoEndpoint!, {
    ca,
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const body = jsonBody(response);
  if (response.status !== 200 || !body) {
    throw new StepFailure('userinfo', graphError(response));
  }
  if (body.sub !== idToken.sub) {
    throw new StepFailure(
      'userinfo',
      "the userinfo response's sub is not the ID token's",
    );
  }
  return body;
}
