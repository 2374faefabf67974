/**
 * Backend of the Camunda Entra plugins: requests, approvals, provisioning and monitoring of
 * the Entra applications behind Camunda deployments.
 *
 * @packageDocumentation
 */

export { camundaEntraPlugin as default } from './plugin';
export {
  camundaEntraDirectoryServiceRef,
  camundaEntraSecretSinkServiceRef,
} from './services';
export type { IssuedSecret, ProvisioningDirectory } from './directory';
export type { MonitoringDirectory } from './status/MonitoringDirectory';
export {
  AzureKeyVaultSecretSink,
  KubernetesSecretSink,
  LocalSecretSink,
  SecretSinkRefusedError,
} from './sinks';
export type {
  SecretSink,
  SecretSinkKeyMetadata,
  SecretSinkOperation,
  SecretSinkTarget,
} from './sinks';
export type { AzureKeyVaultSinkConfig } from './config';
