export { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
export { Provisioner, secretDisplayName } from './Provisioner';
export type { ProvisionerOptions, RequestWork } from './Provisioner';
export type {
  IssuedSecret,
  ProvisioningDirectory,
} from './ProvisioningDirectory';
export { ProvisioningWorker } from './ProvisioningWorker';
export { Repairer } from './Repairer';
