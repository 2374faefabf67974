import { RenderResult } from '@testing-library/react';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { CamundaEntraApi } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../api/CamundaEntraApi';
import { RequestsPage } from '../components/RequestsPage';
import { rootRouteRef } from '../routes';

/**
 * Renders the legacy approvals page at `path` (relative to the page) with the given API;
 * returns the alert API mock with the render result.
 */
export async function renderRequestsPage(options: {
  api: CamundaEntraApi;
  path?: string;
}): Promise<RenderResult & { alertApi: { post: jest.Mock } }> {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const result = await renderInTestApp(
    <TestApiProvider
      apis={[
        [camundaEntraApiRef, options.api],
        [alertApiRef, alertApi],
      ]}
    >
      <RequestsPage />
    </TestApiProvider>,
    {
      routeEntries: [options.path ?? '/'],
      mountedRoutes: {
        '/': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { ...result, alertApi };
}
