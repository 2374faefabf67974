/**
 * Camunda Entra frontend plugin: the approvals page and the Entra card of a Camunda
 * deployment's catalog page.
 *
 * @packageDocumentation
 */

export { camundaEntraPlugin } from './plugin';
