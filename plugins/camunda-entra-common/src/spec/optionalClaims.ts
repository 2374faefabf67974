import type { DeploymentSpec } from './types';

/**
 * Claims about the person that Entra's v2 tokens carry only when the application lists them
 * as optional claims (`upn` and given and family name are v1 claims; `email` reaches access
 * tokens only this way).
 */
const OPTIONAL_ONLY_CLAIMS = ['upn', 'email', 'given_name', 'family_name'];

/**
 * The optional claims of every application's ID and access tokens: `preferred_username`,
 * which Camunda reads by default, and the spec's username claim when v2 tokens carry it only
 * as an optional claim. Without it a spec with `claims.username: upn` registers applications
 * whose tokens name nobody, and every login fails (the conformance harness found this).
 */
export function optionalTokenClaims(spec: DeploymentSpec): string[] {
  const username = spec.claims.username;
  return OPTIONAL_ONLY_CLAIMS.includes(username)
    ? ['preferred_username', username]
    : ['preferred_username'];
}
