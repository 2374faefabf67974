/**
 * Camunda Entra frontend plugin: the approvals page and the Entra card of a Camunda
 * deployment's catalog page.
 *
 * @packageDocumentation
 */

export { camundaEntraPlugin, CamundaEntraRequestsPage } from './plugin';
export { camundaEntraApiRef } from './api/CamundaEntraApi';
