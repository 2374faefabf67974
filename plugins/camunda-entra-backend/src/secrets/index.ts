export { SecretRemovalStore } from './SecretRemovalStore';
export type { SecretRemoval } from './SecretRemovalStore';
export { SecretRemovalWorker } from './SecretRemovalWorker';
export { scheduleReplacedSecrets } from './scheduleReplacedSecrets';
export { withdrawUndelivered } from './withdrawUndelivered';
