export { createSecretSink } from './createSecretSink';
export { KubernetesSecretSink } from './KubernetesSecretSink';
export { LocalSecretSink } from './LocalSecretSink';
export { SecretSinkRefusedError } from './SecretSink';
export { AzureKeyVaultSecretSink } from './AzureKeyVaultSecretSink';
export type {
  SecretSink,
  SecretSinkKeyMetadata,
  SecretSinkOperation,
  SecretSinkTarget,
} from './SecretSink';
