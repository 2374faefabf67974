export { CamundaEntraClient } from './CamundaEntraClient';
export type {
  CamundaEntraApi,
  CamundaEntraRequestOptions,
  CreateRequestInput,
  ListRequestsFilter,
  RequestRepairInput,
  RequestSecretRotationInput,
  RequestTransferInput,
} from './types';
