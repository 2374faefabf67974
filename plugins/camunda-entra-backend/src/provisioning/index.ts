export { Provisioner, secretDisplayName } from './Provisioner';
export type { ProvisionerOptions, RequestWork } from './Provisioner';
export { Repairer } from './Repairer';
export { transferOwnership } from './transferOwnership';
