export * from './requestResource';
export * from './rules';
export * from './conditions';
export * from './approvers';
