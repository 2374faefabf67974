import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  camundaEntraDeploymentConditions,
  camundaEntraRequestConditions,
  createCamundaEntraDeploymentConditionalDecision,
  createCamundaEntraRequestConditionalDecision,
} from '@camunda-entra/plugin-camunda-entra-node';
import {
  CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE,
  CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE,
  camundaEntraPermissions,
  camundaEntraRequestApprovePermission,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Who decides on Camunda Entra requests.
 *
 * @public
 */
export interface CamundaEntraPolicyOptions {
  /** Entity refs of the approving users and groups (`camundaEntra.approval.approvers`). */
  approvers: string[];
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The decision on a Camunda Entra permission, or undefined for any other permission, so that
 * a portal's own policy can call this first and decide the rest itself:
 * - approvers (a user or group in `approvers`) hold every Camunda Entra permission;
 * - the recorded owner of a deployment (members of the group or the user this portal recorded,
 *   never the current owner of its catalog entity) may read its Entra state, ask for changes
 *   of its registration (rotation, repair, provisioning again, transfer), and read its requests;
 * - a requester reads their own requests;
 * - nobody else gets anything, and nobody but approvers decides on requests.
 *
 * @public
 */
export function camundaEntraPolicyDecision(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: CamundaEntraPolicyOptions,
): PolicyDecision | undefined {
  const { permission } = request;
  if (!camundaEntraPermissions.some(ours => isPermission(permission, ours))) {
    return undefined;
  }
  if (!user) {
    return DENY;
  }
  const claims = user.info.ownershipEntityRefs;
  if (isApprover(claims, options.approvers)) {
    return ALLOW;
  }
  if (isPermission(permission, camundaEntraRequestApprovePermission)) {
    return DENY;
  }
  if (isResourcePermission(permission, CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE)) {
    return createCamundaEntraRequestConditionalDecision(permission, {
      anyOf: [
        camundaEntraRequestConditions.isRequester({
          claims: [user.info.userEntityRef],
        }),
        camundaEntraRequestConditions.isDeploymentOwner({ claims }),
      ],
    });
  }
  if (
    isResourcePermission(permission, CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE)
  ) {
    return createCamundaEntraDeploymentConditionalDecision(
      permission,
      camundaEntraDeploymentConditions.isRecordedOwner({ claims }),
    );
  }
  return DENY;
}

function isApprover(claims: string[], approvers: string[]): boolean {
  const refs = new Set(approvers.map(ref => ref.toLowerCase()));
  return claims.some(claim => refs.has(claim.toLowerCase()));
}
