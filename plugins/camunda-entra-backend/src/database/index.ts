export { DatabaseRequestStore } from './DatabaseRequestStore';
export type {
  NewRequest,
  NewRequestEvent,
  RequestStore,
  RequestTransition,
  StoredRequest,
} from './RequestStore';
