import { errors, JWTPayload, jwtVerify } from 'jose';
import { StepFailure } from '../failure';
import { Provider } from './provider';

/**
 * Verifies a token as a resource server or OIDC client does: signature against the JWKS,
 * issuer, audience (one of `audiences`), lifetime. A refusal fails `step` naming the claim.
 */
export async function acceptToken(
  token: string | undefined,
  provider: Provider,
  expected: { issuer: string; audiences: string[] },
  step: string,
): Promise<JWTPayload> {
  if (!token) {
    throw new StepFailure(step, 'no token in the token response');
  }
  if (!provider.keys) {
    throw new StepFailure(step, 'no JWKS to verify the token with');
  }
  try {
    const { payload } = await jwtVerify(token, provider.keys, {
      issuer: expected.issuer,
      audience: expected.audiences,
    });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTClaimValidationFailed) {
      const actual = JSON.stringify(error.payload[error.claim]);
      throw new StepFailure(
        step,
        error.claim === 'aud'
          ? `aud ${actual} is not an accepted audience (${expected.audiences.join(
              ', ',
            )})`
          : `${error.claim} ${actual} refused: ${error.message}`,
      );
    }
    throw new StepFailure(step, `${(error as Error).message}`);
  }
}
