export * from './components';
export * from './chartLines';
export * from './deploymentSpec';
export * from './applications';
export * from './groupMembershipClaims';
export * from './deploymentClients';
export * from './urls';
export * from './orchestrationAuthorizations';
