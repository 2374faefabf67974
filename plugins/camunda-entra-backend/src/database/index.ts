export { DatabaseRequestStore } from './DatabaseRequestStore';
export type {
  DeploymentRecord,
  NewRequest,
  NewRequestEvent,
  RequestStore,
  RequestTransition,
  StoredRequest,
} from './RequestStore';
export type { LeaseTerms } from './RowLeases';
export { RowLeases } from './RowLeases';
