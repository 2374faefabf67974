import { EntraClientKey } from './components';
import type { DeploymentSpec } from './types';

/**
 * The `groupMembershipClaims` of the Orchestration Cluster's application when the spec maps
 * Entra groups to roles (`access.groups`), else undefined (no groups claim).
 *
 * `SecurityGroup`: every security group the user is a member of, nested ones included, by
 * object ID, which is what the mapping rules match. `ApplicationGroup` would list only groups
 * assigned to the enterprise application: that needs Entra ID P1, ignores nested groups, and
 * assigning groups needs a permission (AppRoleAssignment.ReadWrite.All) that the automation
 * identity should not hold. Only the
 * Orchestration Cluster reads the claim; the other applications' tokens stay small. Beyond 200
 * groups Entra sends `_claim_names`/`_claim_sources` instead of `groups`, which Camunda does not
 * follow (docs/provisioning.md).
 */
export function groupMembershipClaims(
  spec: DeploymentSpec,
  client: EntraClientKey,
): 'SecurityGroup' | undefined {
  return client === 'orchestration' && (spec.access?.groups ?? []).length > 0
    ? 'SecurityGroup'
    : undefined;
}
