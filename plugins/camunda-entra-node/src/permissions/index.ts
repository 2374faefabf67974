export * from './requestResource';
export * from './deploymentResource';
export * from './rules';
export * from './conditions';
export * from './approvers';
