export { createCamundaEntraClient } from './CamundaEntraClient';
export type { CamundaEntraClientOptions } from './CamundaEntraClient';
export type {
  CamundaEntraApi,
  CamundaEntraRequestOptions,
  CreateRequestInput,
  ListRequestsFilter,
  RequestRepairInput,
  RequestSecretRotationInput,
  RequestTransferInput,
} from './types';
