import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { camundaEntraApiFactory } from '../api/CamundaEntraApi';

/** @alpha */
export const camundaEntraApi = ApiBlueprint.make({
  params: defineParams => defineParams(camundaEntraApiFactory),
});
