export { SecretRemovalStore } from './SecretRemovalStore';
export type { SecretRemoval } from './SecretRemovalStore';
export { SecretRemovalWorker } from './SecretRemovalWorker';
export { SecretRotator } from './SecretRotator';
