import { screen } from '@testing-library/react';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CamundaEntraClient } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../api/CamundaEntraApi';
import { createRequest, mockCamundaEntraApi } from '../__testUtils__/requests';
import { camundaEntraApi } from './apis';
import { camundaEntraRequestsPage } from './pages';
import plugin from './plugin';

describe('camunda-entra plugin (new frontend system)', () => {
  it('has the same id as the legacy plugin and provides the page and the API', () => {
    expect(plugin.id).toBe('camunda-entra');
    expect(plugin.getExtension('page:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('api:camunda-entra')).toBeDefined();
  });

  it('mounts the page at /camunda-entra with a nav title and icon', () => {
    const tester = createExtensionTester(camundaEntraRequestsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/camunda-entra');
    expect(tester.get(coreExtensionData.title)).toBe('Entra requests');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('registers the common HTTP client as the API', () => {
    const factory = createExtensionTester(camundaEntraApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(camundaEntraApiRef.id);
    expect(
      factory.factory({
        discoveryApi: { getBaseUrl: jest.fn() },
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(CamundaEntraClient);
  });

  it('renders the approvals page in an app', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: [createRequest()] });
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/camunda-entra'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[camundaEntraApiRef, api], mockApis.permission()],
    });

    // The page is lazy-loaded, which takes a while on a busy machine.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Camunda Entra requests' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/camunda-entra/requests/req-1');
  });
});
