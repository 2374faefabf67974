/**
 * Camunda Entra frontend plugin: the approvals page, and the Entra card and tab of a Camunda
 * deployment's catalog page.
 *
 * @packageDocumentation
 */

export {
  camundaEntraPlugin,
  CamundaEntraFleetPage,
  CamundaEntraRequestsPage,
  EntityCamundaEntraCard,
  EntityCamundaEntraContent,
} from './plugin';
export { isCamundaEntraAvailable } from './lib/isCamundaEntraAvailable';
export { camundaEntraApiRef } from './api/CamundaEntraApi';
