/**
 * Backend of the Camunda Entra plugins: requests, approvals, provisioning and monitoring of
 * the Entra applications behind Camunda deployments.
 *
 * @packageDocumentation
 */

export { camundaEntraPlugin as default } from './plugin';
