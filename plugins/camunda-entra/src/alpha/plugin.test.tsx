import { screen, within } from '@testing-library/react';
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
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { CamundaEntraApi } from '@camunda-entra/plugin-camunda-entra-common';
import { expectBackendClient } from '../__testUtils__/expectBackendClient';
import { camundaEntraApiRef } from '../api/CamundaEntraApi';
import {
  createDeploymentEntity,
  createDeploymentStatus,
} from '../__testUtils__/entityStatus';
import { createRequest, mockCamundaEntraApi } from '../__testUtils__/requests';
import { camundaEntraApi } from './apis';
import { camundaEntraEntityCard } from './entityCards';
import { camundaEntraEntityContent } from './entityContents';
import { camundaEntraFleetPage, camundaEntraRequestsPage } from './pages';
import plugin from './plugin';

describe('camunda-entra plugin (new frontend system)', () => {
  it('has the same id as the legacy plugin and provides the page, the API, the entity card and the entity tab', () => {
    expect(plugin.id).toBe('camunda-entra');
    expect(plugin.getExtension('page:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('api:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('entity-card:camunda-entra')).toBeDefined();
    expect(plugin.getExtension('entity-content:camunda-entra')).toBeDefined();
  });

  it('limits the entity card to entities with the deployment annotation', () => {
    const filter = createExtensionTester(camundaEntraEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(createDeploymentEntity())).toBe(true);
    expect(filter?.(createDeploymentEntity({}))).toBe(false);
  });

  it('puts the entity tab at entra, titled Microsoft Entra ID, on deployment entities only', () => {
    const tester = createExtensionTester(camundaEntraEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('entra');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Microsoft Entra ID',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(createDeploymentEntity())).toBe(true);
    expect(filter?.(createDeploymentEntity({}))).toBe(false);
  });

  it('shows the summary card and the Entra tab on a deployment entity', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        lastVerification: {
          verifiedAt: '2026-03-01T09:00:00.000Z',
          passed: true,
          checks: 9,
          problems: [],
        },
      }),
    );
    renderTestApp({
      features: [plugin],
      extensions: [createTestEntityPage({ entity: createDeploymentEntity() })],
      apis: [[camundaEntraApiRef, api], mockApis.permission()],
    });

    // Both are lazy-loaded, which takes a while on a busy machine.
    const summary = await screen.findByRole(
      'table',
      { name: 'Entra summary' },
      { timeout: 10_000 },
    );
    expect(summary).toHaveTextContent(
      'Orchestration Cluster Expires in 400 days',
    );
    expect(
      within(summary).getByRole('row', { name: /^Sign-in/ }),
    ).toHaveTextContent('Passed');
    expect(
      screen.getByRole('link', { name: 'View Entra applications' }),
    ).toHaveAttribute('href', '/entra');
    const applications = await screen.findByRole(
      'table',
      { name: 'Entra applications' },
      { timeout: 10_000 },
    );
    expect(
      within(applications).getByRole('row', { name: /^Orchestration Cluster/ }),
    ).toHaveTextContent('11111111-1111-1111-1111-111111111111');
    // The new system resolves the rotate permission through the permission API.
    expect(
      within(applications).getByRole('button', { name: 'Rotate secret' }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Sign-in verification' }),
      ).getByRole('button', { name: 'Verify sign-in' }),
    ).toBeEnabled();
    expect(api.getEntityStatus).toHaveBeenCalledWith(
      'component:default/camunda-payments',
    );
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

  it('mounts the fleet page at /camunda-entra/deployments with its own nav title and icon', () => {
    const tester = createExtensionTester(camundaEntraFleetPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/camunda-entra/deployments',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Camunda fleet');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(plugin.getExtension('page:camunda-entra/fleet')).toBeDefined();
  });

  it('registers the common HTTP client as the API', async () => {
    const factory = createExtensionTester(camundaEntraApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(camundaEntraApiRef.id);
    await expectBackendClient(deps => factory.factory(deps) as CamundaEntraApi);
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
    expect(
      screen.getByRole('button', { name: 'Camunda fleet' }),
    ).toHaveAttribute('href', '/camunda-entra/deployments');
  });
});
