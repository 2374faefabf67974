export { createCamundaEntraRequestAction } from './request';
export type { CamundaEntraRequestActionOptions } from './request';
export { createCamundaFindApplicationsAction } from './findApplications';
export type { CamundaFindApplicationsActionOptions } from './findApplications';
export { createCamundaHelmValuesAction } from './helmValues';
export { createCamundaSpecComposeAction } from './composeSpec';
export type { CamundaSpecComposeActionOptions } from './composeSpec';
export { createCamundaPublishLocalAction } from './publishLocal';
export { createCamundaCatalogRegisterLocalAction } from './registerLocal';
