import { screen, within } from '@testing-library/react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { CamundaEntraApi } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { EntityCamundaEntraCard } from '../../plugin';
import {
  createComponentStatus,
  createDeploymentEntity,
  createDeploymentStatus,
  createSecretStatus,
} from '../../__testUtils__/entityStatus';
import { formatTimestamp } from '../../lib/presentation';
import { mockCamundaEntraApi } from '../../__testUtils__/requests';

/** Renders the legacy extension on an entity overview of the payments entity. */
async function renderCard(api: CamundaEntraApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <EntityProvider entity={createDeploymentEntity()}>
        <EntityCamundaEntraCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  // The extension is lazy-loaded; its title means the card itself is on screen.
  await screen.findByText('Microsoft Entra ID');
}

/** The value cell of one summary row, found by its label. */
const summary = (label: string) =>
  within(screen.getByRole('table', { name: 'Entra summary' })).getByRole(
    'row',
    { name: new RegExp(`^${label}`) },
  );

describe('EntityCamundaEntraCard', () => {
  it('sums up health, applications, the next secret expiry and the problems', async () => {
    const api = mockCamundaEntraApi();
    const components = [
      createComponentStatus(),
      createComponentStatus({
        client: 'optimize',
        secrets: [createSecretStatus('key-optimize', 12, 'expiring')],
        secretLocation:
          'Azure Key Vault https://payments-kv.vault.azure.net: camunda-payments-optimize-client-secret',
        problems: [
          'Unexpected redirect URIs, added outside the portal: https://evil.example.com/callback',
        ],
        health: 'warning',
      }),
      createComponentStatus({
        client: 'identity',
        servicePrincipal: false,
        problems: ['The application has no service principal'],
        health: 'error',
      }),
    ];
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({ health: 'error', components }),
    );
    await renderCard(api);

    expect(api.getEntityStatus).toHaveBeenCalledTimes(1);
    expect(api.getEntityStatus).toHaveBeenCalledWith(
      'component:default/camunda-payments',
    );
    expect(summary('Overall health')).toHaveTextContent('Error');
    expect(summary('Applications')).toHaveTextContent(/^Applications3$/);
    const expiry = summary('Next secret expiry');
    expect(expiry).toHaveTextContent('Optimize Expires in 12 days');
    expect(expiry).toHaveTextContent(
      'delivered to Azure Key Vault https://payments-kv.vault.azure.net: camunda-payments-optimize-client-secret',
    );
    expect(expiry).not.toHaveTextContent('Orchestration');
    const problems = within(summary('Problems')).getAllByRole('listitem');
    expect(problems.map(item => item.textContent)).toEqual([
      'Optimize: Unexpected redirect URIs, added outside the portal: https://evil.example.com/callback',
      'Management Identity: The application has no service principal',
    ]);
    // The full table is on the tab, not on the overview.
    expect(
      screen.queryByRole('table', { name: 'Entra applications' }),
    ).toBeNull();
    expect(
      screen.getByRole('link', { name: 'View Entra applications' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/camunda-payments/entra',
    );
  });

  it('says when nothing is wrong and no application has a secret', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        components: [
          createComponentStatus({
            client: 'webModelerUi',
            expectedPlatform: 'spa',
            actualPlatform: 'spa',
            secrets: [],
          }),
        ],
      }),
    );
    await renderCard(api);

    expect(
      await screen.findByRole('table', { name: 'Entra summary' }),
    ).toBeVisible();
    expect(summary('Overall health')).toHaveTextContent('Healthy');
    expect(summary('Applications')).toHaveTextContent(/^Applications1$/);
    expect(summary('Next secret expiry')).toHaveTextContent(
      'No client secrets',
    );
    expect(summary('Problems')).toHaveTextContent(/^ProblemsNone$/);
  });

  it('shows the last sign-in verification: when, and passed or its first problems', async () => {
    const api = mockCamundaEntraApi();
    const problem = (client: string, message: string) => ({
      client: client as 'optimize',
      check: 'redirectUris' as const,
      message,
    });
    api.getEntityStatus.mockResolvedValueOnce(
      createDeploymentStatus({
        lastVerification: {
          verifiedAt: '2026-03-01T09:00:00.000Z',
          passed: false,
          checks: 20,
          problems: [
            problem('optimize', 'redirect URI a is not registered'),
            problem('identity', 'redirect URI b is not registered'),
            problem('orchestration', 'redirect URI c is not registered'),
            problem('console', 'redirect URI d is not registered'),
          ],
        },
      }),
    );
    await renderCard(api);

    const signIn = summary('Sign-in');
    expect(signIn).toHaveTextContent('4 problems');
    expect(signIn).toHaveTextContent(
      `Verified ${formatTimestamp('2026-03-01T09:00:00.000Z')}`,
    );
    expect(
      within(signIn)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Optimize: redirect URI a is not registered',
      'Management Identity: redirect URI b is not registered',
      'Orchestration Cluster: redirect URI c is not registered',
      'and 1 more on the tab',
    ]);
  });

  it('says when the deployment passed its verification, or was never verified', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValueOnce(
      createDeploymentStatus({
        lastVerification: {
          verifiedAt: '2026-03-01T09:00:00.000Z',
          passed: true,
          checks: 20,
          problems: [],
        },
      }),
    );
    await renderCard(api);

    expect(summary('Sign-in')).toHaveTextContent('Passed');
    expect(within(summary('Sign-in')).queryByRole('list')).toBeNull();
  });

  it('says when the deployment was never verified', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValueOnce(createDeploymentStatus());
    await renderCard(api);

    expect(summary('Sign-in')).toHaveTextContent(/^Sign-inNot verified yet$/);
  });
});
