export { RequestService } from './RequestService';
export type { CreateRequestOptions, DefaultTenant } from './RequestService';
