export { createCamundaEntraClient } from './CamundaEntraClient';
export type { CamundaEntraClientOptions } from './CamundaEntraClient';
export type {
  AdoptionCandidate,
  CamundaEntraApi,
  CamundaEntraRequestOptions,
  CreateRequestInput,
  ListRequestsFilter,
  RequestRepairInput,
  RequestSecretRotationInput,
  RequestTransferInput,
  RequestUpgradeInput,
} from './types';
