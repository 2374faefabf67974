import { createConditionExports } from '@backstage/plugin-permission-node';
import { camundaEntraRequestPermissionResourceRef } from './requestResource';
import { camundaEntraRequestPermissionRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: camundaEntraRequestPermissionResourceRef,
  rules: camundaEntraRequestPermissionRules,
});

/**
 * Conditions on requests for permission policies, e.g.
 * `camundaEntraRequestConditions.isRequester({ claims: [user.info.userEntityRef] })`.
 *
 * @public
 */
export const camundaEntraRequestConditions = conditions;

/**
 * A conditional decision on `camunda-entra.request.read`, evaluated by this plugin.
 *
 * @public
 */
export const createCamundaEntraRequestConditionalDecision =
  createConditionalDecision;
