import { createConditionExports } from '@backstage/plugin-permission-node';
import { camundaEntraDeploymentPermissionResourceRef } from './deploymentResource';
import { camundaEntraRequestPermissionResourceRef } from './requestResource';
import {
  camundaEntraDeploymentPermissionRules,
  camundaEntraRequestPermissionRules,
} from './rules';

const requests = createConditionExports({
  resourceRef: camundaEntraRequestPermissionResourceRef,
  rules: camundaEntraRequestPermissionRules,
});

const deployments = createConditionExports({
  resourceRef: camundaEntraDeploymentPermissionResourceRef,
  rules: camundaEntraDeploymentPermissionRules,
});

/**
 * Conditions on requests for permission policies, e.g.
 * `camundaEntraRequestConditions.isRequester({ claims: [user.info.userEntityRef] })`.
 *
 * @public
 */
export const camundaEntraRequestConditions = requests.conditions;

/**
 * A conditional decision on `camunda-entra.request.read`, evaluated by this plugin.
 *
 * @public
 */
export const createCamundaEntraRequestConditionalDecision =
  requests.createConditionalDecision;

/**
 * Conditions on recorded deployments for permission policies, e.g.
 * `camundaEntraDeploymentConditions.isRecordedOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const camundaEntraDeploymentConditions = deployments.conditions;

/**
 * A conditional decision on `camunda-entra.status.read` or `camunda-entra.secret.rotate`,
 * evaluated by this plugin.
 *
 * @public
 */
export const createCamundaEntraDeploymentConditionalDecision =
  deployments.createConditionalDecision;
