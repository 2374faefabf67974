import {
  ApplicationManifest,
  effectiveGroupClaims,
} from './applicationManifest';

/**
 * Whether `actual` already holds `desired`: objects by desired's keys (Graph returns more),
 * arrays element by element and of the same length, other values exactly.
 */
function holds(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      Array.isArray(actual) &&
      actual.length === desired.length &&
      desired.every((value, index) => holds(value, actual[index]))
    );
  }
  if (desired !== null && typeof desired === 'object') {
    return (
      actual !== null &&
      typeof actual === 'object' &&
      Object.entries(desired).every(([key, value]) =>
        holds(value, (actual as Record<string, unknown>)[key]),
      )
    );
  }
  return desired === actual;
}

/**
 * The top-level properties of the manifest that the application as Graph returned it
 * (with those properties selected) does not hold yet: what an update has to write. Empty
 * when registering would change nothing.
 */
export function manifestChanges(
  manifest: ApplicationManifest,
  current: Record<string, unknown>,
): Partial<ApplicationManifest> {
  return Object.fromEntries(
    Object.entries(manifest).filter(([property, value]) =>
      property === 'groupMembershipClaims'
        ? effectiveGroupClaims(value) !==
          effectiveGroupClaims(current[property])
        : !holds(value, current[property]),
    ),
  ) as Partial<ApplicationManifest>;
}

/** What registration selects of an application: what it compares, plus keys and secrets. */
export const REGISTRATION_SELECT = [
  'id',
  'appId',
  'uniqueName',
  'passwordCredentials',
  'displayName',
  'signInAudience',
  'web',
  'spa',
  'api',
  'optionalClaims',
  'groupMembershipClaims',
  'requiredResourceAccess',
  'tags',
  'notes',
].join(',');
