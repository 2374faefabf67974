export { DatabaseRequestStore } from './DatabaseRequestStore';
export { deploymentColumns } from './deploymentColumns';
export { specOf } from './storedSpec';
export type {
  DeploymentFilter,
  DeploymentRecord,
  NewRequest,
  NewRequestEvent,
  RequestStore,
  RequestTransition,
  StoredRequest,
} from './RequestStore';
export type { LeaseTerms } from './RowLeases';
export { RowLeases } from './RowLeases';
