/**
 * The Camunda Entra permission policy as a permission backend module, and the decision
 * function for portals that keep their own policy.
 *
 * @packageDocumentation
 */

export { permissionModuleCamundaEntraPolicy as default } from './module';
export { CamundaEntraPermissionPolicy } from './CamundaEntraPermissionPolicy';
export { camundaEntraPolicyDecision } from './camundaEntraPolicyDecision';
export type { CamundaEntraPolicyOptions } from './camundaEntraPolicyDecision';
