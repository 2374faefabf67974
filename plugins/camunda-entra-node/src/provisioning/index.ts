export { camundaEntraDirectoryServiceRef } from './directoryServiceRef';
export { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
export { UnconfiguredDirectory } from './UnconfiguredDirectory';
export type {
  IssuedSecret,
  MonitoringDirectory,
  ProvisionedApplication,
  ProvisioningDirectory,
  ProvisioningProgress,
  ProvisioningRegistrationOptions,
} from './ProvisioningDirectory';
