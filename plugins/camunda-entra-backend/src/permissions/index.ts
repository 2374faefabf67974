export { RequestReadAccess } from './RequestReadAccess';
export { DeploymentAccess } from './DeploymentAccess';
