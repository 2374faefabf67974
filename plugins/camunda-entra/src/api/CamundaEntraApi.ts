import {
  createApiFactory,
  createApiRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  CamundaEntraApi,
  createCamundaEntraClient,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * The camunda-entra backend's REST API.
 *
 * @public
 */
export const camundaEntraApiRef = createApiRef<CamundaEntraApi>({
  id: 'plugin.camunda-entra.service',
});

/**
 * The default implementation: the common package's HTTP client, shared by both frontend
 * systems so they register the same thing.
 */
export const camundaEntraApiFactory = createApiFactory({
  api: camundaEntraApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    createCamundaEntraClient({ discoveryApi, fetchApi }),
});
