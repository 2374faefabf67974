/**
 * Scaffolder actions of the Camunda Entra plugins.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCamundaEntra as default } from './module';
