/**
 * Camunda Entra frontend plugin: the approvals page and the Entra card of a Camunda
 * deployment's catalog page.
 *
 * @packageDocumentation
 */

export {
  camundaEntraPlugin,
  CamundaEntraRequestsPage,
  EntityCamundaEntraCard,
} from './plugin';
export { isCamundaEntraAvailable } from './lib/isCamundaEntraAvailable';
export { camundaEntraApiRef } from './api/CamundaEntraApi';
