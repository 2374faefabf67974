export { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
export type {
  IssuedSecret,
  ProvisioningDirectory,
} from './ProvisioningDirectory';
