/**
 * Scaffolder actions of the Camunda Entra plugins, and the catalog module that lets the
 * local publishing target register its repositories.
 *
 * @packageDocumentation
 */

export { scaffolderModuleCamundaEntra as default } from './module';
export { catalogModuleCamundaEntraLocalRepositories } from './catalogModule';
export * from './actions';
export { specFromForm } from './spec/specFromForm';
export type { DeploymentForm, ExternalServicesForm } from './spec/specFromForm';
export {
  MACHINE_CLIENT_PRESETS,
  presetAuthorizations,
} from './spec/machineClientPresets';
export type {
  MachineClientPreset,
  MachineClientPresetGrant,
} from './spec/machineClientPresets';
export { readLocalPublishConfig, readSecretStoreConfig } from './config';
export type { LocalPublishConfig } from './config';
