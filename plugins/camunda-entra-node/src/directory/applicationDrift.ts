import { EntraApplicationPlan } from '@camunda-entra/plugin-camunda-entra-common';
import { applicationManifest } from './applicationManifest';
import { EntraApplicationInfo } from './types';

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The properties in which an existing application differs from what registration would
 * set; empty when registering would change nothing visible. For dry runs and approvals.
 *
 * @public
 */
export function applicationDrift(
  plan: EntraApplicationPlan,
  deployment: string,
  current: EntraApplicationInfo,
): string[] {
  const desired = applicationManifest(plan, { deployment });
  const claimNames = (claims: Array<{ name: string }>) =>
    claims.map(c => c.name);
  const checks: Array<[string, boolean]> = [
    ['displayName', current.displayName === desired.displayName],
    ['signInAudience', current.signInAudience === desired.signInAudience],
    [
      'web.redirectUris',
      same(current.webRedirectUris, desired.web.redirectUris),
    ],
    [
      'spa.redirectUris',
      same(current.spaRedirectUris, desired.spa.redirectUris),
    ],
    [
      'api.requestedAccessTokenVersion',
      current.requestedAccessTokenVersion ===
        desired.api.requestedAccessTokenVersion,
    ],
    [
      'optionalClaims.idToken',
      same(
        current.optionalClaims.idToken,
        claimNames(desired.optionalClaims.idToken),
      ),
    ],
    [
      'optionalClaims.accessToken',
      same(
        current.optionalClaims.accessToken,
        claimNames(desired.optionalClaims.accessToken),
      ),
    ],
    ['tags', same(current.tags, desired.tags)],
  ];
  return checks.filter(([, ok]) => !ok).map(([property]) => property);
}

/**
 * Whether an application has a client secret that has not expired, which registration with
 * `secrets: 'missing'` keeps instead of adding another.
 *
 * @public
 */
export function hasUnexpiredSecret(
  passwordCredentials: ReadonlyArray<{ endDateTime?: string }>,
  now = Date.now(),
): boolean {
  return passwordCredentials.some(
    c => c.endDateTime && Date.parse(c.endDateTime) > now,
  );
}
