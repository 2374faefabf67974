export { ProvisioningWorker } from './ProvisioningWorker';
