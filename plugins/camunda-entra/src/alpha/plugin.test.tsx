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
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { CamundaEntraClient } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../api/CamundaEntraApi';
import {
  createDeploymentEntity,
  createDeploymentStatus,
} from '../__testUtils__/entityStatus';
import { createRequest, mockCamundaEntraApi } from '../__testUtils__/requests';
import { camundaEntraApi } from './apis';
import { camundaEntraEntityCard } from './entityCards';
import { camundaEntraRequestsPage } from './pages';
import plugin from './plugin';

describe('camunda-entra plugin (new frontend system)', () => {
  it('has the same id as the legacy plugin and provides the page, the API and the entity card', () => {
    expect(plugin.id).toBe('camunda-entra');
    expect(plugin.getExtension('page:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('api:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('entity-card:camunda-entra')).toBeDefined();
  });

  it('limits the entity card to entities with the deployment annotation', () => {
    const filter = createExtensionTester(camundaEntraEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(createDeploymentEntity())).toBe(true);
    expect(filter?.(createDeploymentEntity({}))).toBe(false);
  });

  it('shows the entity card on the overview of a deployment entity', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(createDeploymentStatus());
    renderTestApp({
      features: [plugin],
      extensions: [createTestEntityPage({ entity: createDeploymentEntity() })],
      apis: [[camundaEntraApiRef, api], mockApis.permission()],
    });

    expect(
      await screen.findByText('Expires in 400 days', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Microsoft Entra ID')).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledWith(
      'component:default/camunda-payments',
    );
    // The new system resolves the rotate permission through the permission API.
    expect(
      screen.getByRole('button', { name: 'Rotate secret' }),
    ).toBeInTheDocument();
  });

  it('leaves the overview of other entities alone', async () => {
    const api = mockCamundaEntraApi();
    renderTestApp({
      features: [plugin],
      extensions: [
        createTestEntityPage({ entity: createDeploymentEntity({}) }),
      ],
      apis: [[camundaEntraApiRef, api], mockApis.permission()],
    });

    expect(
      await screen.findByTestId('empty-entity-page', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(api.getEntityStatus).not.toHaveBeenCalled();
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
