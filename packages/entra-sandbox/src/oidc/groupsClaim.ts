import { JWTPayload } from 'jose';
import { DirectoryStore } from '../directory/store';

/** Entra lists at most 200 groups in a JWT; beyond that it sends an overage reference. */
const MAX_JWT_GROUPS = 200;

/**
 * The groups claim of a user's ID token for an application, as its `groupMembershipClaims`
 * asks: `SecurityGroup` the security groups the user is a direct member of, `All` every group
 * (the sandbox has no nested groups and no directory roles); beyond 200 groups the overage
 * claims `_claim_names`/`_claim_sources` instead. `ApplicationGroup` lists groups assigned to
 * the application, which the sandbox does not model, so it emits none, like `None` and
 * `DirectoryRole` (roles go to `wids`).
 */
export function groupsClaim(
  store: DirectoryStore,
  clientId: string,
  user: { id: string },
  tenantId: string,
): JWTPayload {
  const application = store.findApplication({
    property: 'appId',
    value: clientId,
  });
  const setting = application?.entity.groupMembershipClaims;
  if (setting !== 'SecurityGroup' && setting !== 'All') {
    return {};
  }
  const groups = store.data.groups
    .filter(group => setting === 'All' || group.securityEnabled)
    .filter(group => group.members.includes(user.id))
    .map(group => group.id);
  if (groups.length > MAX_JWT_GROUPS) {
    return {
      _claim_names: { groups: 'src1' },
      _claim_sources: {
        src1: {
          endpoint: `https://graph.windows.net/${tenantId}/users/${user.id}/getMemberObjects`,
        },
      },
    };
  }
  return groups.length > 0 ? { groups } : {};
}
