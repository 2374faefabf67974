import {
  ApplicationDifference,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationManifest,
  effectiveGroupClaims,
} from './applicationManifest';
import { EntraApplicationInfo } from './types';

type Value = string | number | readonly string[];

const shown = (value: Value) => {
  if (typeof value !== 'object') {
    return String(value);
  }
  return value.length > 0 ? value.join(', ') : '(none)';
};

/**
 * How an existing application differs from what registration would set, property by
 * property with both values for people to read; empty when registering would change nothing
 * visible. For dry runs, the card's drift and repair plans.
 *
 * @public
 */
export function applicationDifferences(
  plan: EntraApplicationPlan,
  deployment: string,
  current: EntraApplicationInfo,
): ApplicationDifference[] {
  const desired = applicationManifest(plan, { deployment });
  const claimNames = (claims: Array<{ name: string }>) =>
    claims.map(c => c.name);
  const compared: Array<[string, Value, Value]> = [
    ['displayName', current.displayName, desired.displayName],
    [
      'signInAudience',
      current.signInAudience ?? '(none)',
      desired.signInAudience,
    ],
    ['web.redirectUris', current.webRedirectUris, desired.web.redirectUris],
    ['spa.redirectUris', current.spaRedirectUris, desired.spa.redirectUris],
    [
      'api.requestedAccessTokenVersion',
      current.requestedAccessTokenVersion ?? '(none)',
      desired.api.requestedAccessTokenVersion,
    ],
    [
      'optionalClaims.idToken',
      current.optionalClaims.idToken,
      claimNames(desired.optionalClaims.idToken),
    ],
    [
      'optionalClaims.accessToken',
      current.optionalClaims.accessToken,
      claimNames(desired.optionalClaims.accessToken),
    ],
    [
      'groupMembershipClaims',
      effectiveGroupClaims(current.groupMembershipClaims),
      effectiveGroupClaims(desired.groupMembershipClaims),
    ],
    ['tags', current.tags, desired.tags],
  ];
  // Lists in order: Graph keeps the order registration wrote.
  return compared
    .filter(
      ([, actual, expected]) =>
        JSON.stringify(actual) !== JSON.stringify(expected),
    )
    .map(([property, actual, expected]) => ({
      property,
      actual: shown(actual),
      expected: shown(expected),
    }));
}

/**
 * The properties in which an existing application differs from what registration would
 * set (see {@link applicationDifferences}).
 *
 * @public
 */
export function applicationDrift(
  plan: EntraApplicationPlan,
  deployment: string,
  current: EntraApplicationInfo,
): string[] {
  return applicationDifferences(plan, deployment, current).map(
    difference => difference.property,
  );
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
