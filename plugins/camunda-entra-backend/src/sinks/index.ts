export { createSecretSink } from './createSecretSink';
export { KubernetesSecretSink } from './KubernetesSecretSink';
export { LocalSecretSink } from './LocalSecretSink';
export { SecretSinkRefusedError } from './SecretSink';
export type {
  SecretSink,
  SecretSinkOperation,
  SecretSinkTarget,
} from './SecretSink';
