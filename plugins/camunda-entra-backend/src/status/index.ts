export { EntityStatusService } from './EntityStatusService';
export type { MonitoringDirectory } from './MonitoringDirectory';
export { getDeploymentEntity, readDeploymentEntity } from './deploymentEntity';
export type { DeploymentEntity } from './deploymentEntity';
export { secretExpiry } from './secretExpiry';
export { secretLocator } from './secretLocator';
