export { camundaEntraSecretSinkServiceRef } from './secretSinkServiceRef';
export { readSecretSinkConfig } from './config';
export type { AzureKeyVaultSinkConfig, SecretSinkConfig } from './config';
export { createSecretSink } from './createSecretSink';
export { AzureKeyVaultSecretSink } from './AzureKeyVaultSecretSink';
export { KubernetesSecretSink } from './KubernetesSecretSink';
export { LocalSecretSink } from './LocalSecretSink';
export { SecretSinkRefusedError } from './SecretSink';
export type {
  SecretSink,
  SecretSinkKeyMetadata,
  SecretSinkOperation,
  SecretSinkTarget,
} from './SecretSink';
export { sinkTarget } from './sinkTarget';
export { globMatches } from './globMatches';
