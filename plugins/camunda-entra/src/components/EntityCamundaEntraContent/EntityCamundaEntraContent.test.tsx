import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  CamundaEntraApi,
  camundaEntraSecretRotatePermission,
} from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { EntityCamundaEntraContent } from '../../plugin';
import { rootRouteRef } from '../../routes';
import {
  createComponentStatus,
  createDeploymentEntity,
  createDeploymentStatus,
} from '../../__testUtils__/entityStatus';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { responseError } from '../../__testUtils__/responseError';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));

beforeEach(() => {
  jest
    .mocked(usePermission)
    .mockReturnValue({ loading: false, allowed: false });
});

const ENTITY_REF = 'component:default/camunda-payments';

/** Renders the legacy extension, as an app's entity page would, for the payments entity. */
async function renderContent(api: CamundaEntraApi) {
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <EntityProvider entity={createDeploymentEntity()}>
        <EntityCamundaEntraContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/camunda-entra': rootRouteRef } },
  );
  // The extension is lazy-loaded; its title means the content itself is on screen.
  await screen.findByText('Entra applications');
}

/** The table row of one application, found by its label in the first cell. */
const row = (label: string) =>
  screen.getByRole('row', { name: new RegExp(`^${label}`) });

/** One entry of a row's redirect URIs by its whole text; the URI itself is split for wrapping. */
function redirectUri(container: HTMLElement, text: string): HTMLElement {
  const item = within(
    within(container).getByRole('list', { name: 'Redirect URIs' }),
  )
    .getAllByRole('listitem')
    .find(candidate => candidate.textContent === text);
  if (!item) {
    throw new Error(`No redirect URI "${text}"`);
  }
  return item;
}

const webModelerUi = createComponentStatus({
  client: 'webModelerUi',
  appId: '44444444-4444-4444-4444-444444444444',
  displayName: 'Camunda payments Web Modeler UI',
  expectedPlatform: 'spa',
  actualPlatform: 'spa',
  secrets: [],
});

describe('EntityCamundaEntraContent', () => {
  it('shows progress while the status loads', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockReturnValue(new Promise(() => {}));
    await renderContent(api);

    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledWith(ENTITY_REF);
  });

  it('shows every application with its client ID, drift, secret expiry and problems', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        health: 'error',
        components: [
          createComponentStatus({
            secretLocation:
              'Azure Key Vault https://payments-kv.vault.azure.net: camunda-payments-orchestration-cluster-client-secret',
          }),
          createComponentStatus({
            client: 'optimize',
            appId: '22222222-2222-2222-2222-222222222222',
            displayName: 'Camunda payments Optimize',
            redirectUris: {
              expected: [
                'https://optimize.example.com/api/authentication/callback',
                'https://optimize.example.com/callback',
              ],
              actual: [
                'https://optimize.example.com/api/authentication/callback',
                'https://evil.example.com/callback',
              ],
              missing: ['https://optimize.example.com/callback'],
              unexpected: ['https://evil.example.com/callback'],
            },
            secrets: [
              {
                keyId: 'key-optimize',
                displayName: 'camunda-entra',
                hint: 'opt',
                endDateTime: '2026-03-13T10:00:00.000Z',
                daysLeft: 12,
                status: 'expiring',
              },
            ],
            problems: [
              'Missing redirect URIs (sign-in fails with AADSTS50011): https://optimize.example.com/callback',
              'Unexpected redirect URIs, added outside the portal: https://evil.example.com/callback',
            ],
            health: 'error',
          }),
          createComponentStatus({
            client: 'identity',
            appId: '33333333-3333-3333-3333-333333333333',
            displayName: 'Camunda payments Management Identity',
            accessTokenVersion2: false,
            preferredUsernameClaim: false,
            servicePrincipal: false,
            secrets: [
              {
                keyId: 'key-identity',
                endDateTime: '2026-02-26T10:00:00.000Z',
                daysLeft: -3,
                status: 'expired',
              },
            ],
            problems: [
              'Access tokens are not version 2 (api.requestedAccessTokenVersion)',
              'preferred_username is not an optional claim of both ID and access tokens',
              'The application has no service principal',
              'No valid client secret: the component cannot authenticate; request a rotation',
            ],
            health: 'error',
          }),
          createComponentStatus({
            client: 'console',
            appId: '55555555-5555-5555-5555-555555555555',
            displayName: 'Camunda payments Console',
            expectedPlatform: 'spa',
            actualPlatform: 'web',
            redirectUris: {
              expected: ['https://console.example.com/'],
              actual: ['https://console.example.com/'],
              missing: ['https://console.example.com/'],
              unexpected: ['https://console.example.com/'],
            },
            secrets: [],
            problems: [
              'Redirect URIs are registered for the Web platform; this client needs Single-page application redirect URIs',
            ],
            health: 'error',
          }),
          webModelerUi,
        ],
      }),
    );
    await renderContent(api);

    const table = await screen.findByRole('table', {
      name: 'Entra applications',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(6); // header and five apps
    expect(screen.getByText('Overall health').parentElement).toHaveTextContent(
      'Overall healthError',
    );

    const orchestration = row('Orchestration Cluster');
    expect(orchestration).toHaveTextContent(
      '11111111-1111-1111-1111-111111111111',
    );
    expect(
      within(orchestration).getByRole('button', { name: 'Copy client ID' }),
    ).toBeInTheDocument();
    expect(orchestration).toHaveTextContent('Web');
    expect(orchestration).toHaveTextContent('Healthy');
    expect(orchestration).not.toHaveTextContent('registered as');
    expect(
      within(orchestration).getByText('Expires in 400 days'),
    ).toBeVisible();
    expect(orchestration).toHaveTextContent('camunda-entra · abc…');
    expect(orchestration).toHaveTextContent(
      'Delivered to Azure Key Vault https://payments-kv.vault.azure.net: camunda-payments-orchestration-cluster-client-secret',
    );
    expect(
      within(orchestration).getByRole('link', {
        name: /Open in Entra admin center/,
      }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        'ApplicationMenuBlade/~/Overview/appId/11111111-1111-1111-1111-111111111111',
      ),
    );

    const optimize = row('Optimize');
    expect(within(optimize).getByText('Expires in 12 days')).toBeVisible();
    expect(
      redirectUri(
        optimize,
        'https://optimize.example.com/api/authentication/callback',
      ),
    ).toBeVisible();
    const missingUri = redirectUri(
      optimize,
      'https://optimize.example.com/callback (missing)',
    );
    expect(missingUri).toBeVisible();
    // Long URIs wrap at path boundaries, never inside a host name or path segment.
    expect(missingUri.querySelectorAll('wbr')).toHaveLength(2);
    expect(getComputedStyle(missingUri).wordBreak).not.toBe('break-all');
    expect(getComputedStyle(missingUri).fontWeight).toBe('bold');
    expect(
      redirectUri(optimize, 'https://evil.example.com/callback (unexpected)'),
    ).toBeVisible();
    expect(
      within(optimize).getByText(/^Missing redirect URIs \(sign-in fails/),
    ).toBeVisible();

    const identity = row('Management Identity');
    expect(within(identity).getByText('Expired 3 days ago')).toBeVisible();
    expect(within(identity).getByText('Error')).toBeVisible();
    expect(
      within(identity).getByText(/^Access tokens are not version 2/),
    ).toBeVisible();
    expect(
      within(
        within(identity).getByRole('list', { name: 'Problems' }),
      ).getAllByRole('listitem'),
    ).toHaveLength(4);

    const consoleRow = row('Console');
    expect(within(consoleRow).getByText('registered as Web')).toBeVisible();
    expect(
      redirectUri(consoleRow, 'https://console.example.com/ (missing)'),
    ).toBeVisible();
    expect(
      redirectUri(consoleRow, 'https://console.example.com/ (unexpected)'),
    ).toBeVisible();

    const ui = row('Web Modeler UI');
    expect(ui).toHaveTextContent('SPA');
    expect(within(ui).getByText('None (public client)')).toBeVisible();
    expect(ui).not.toHaveTextContent(/missing|unexpected|registered as/);
    expect(within(ui).queryByRole('list', { name: 'Problems' })).toBeNull();
  });

  it('shows an application missing from the tenant without a portal link or rotation', async () => {
    jest
      .mocked(usePermission)
      .mockReturnValue({ loading: false, allowed: true });
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        health: 'error',
        components: [
          createComponentStatus({
            found: false,
            displayName: undefined,
            objectId: undefined,
            actualPlatform: undefined,
            redirectUris: {
              expected: ['https://payments.example.com/sso-callback'],
              actual: [],
              missing: ['https://payments.example.com/sso-callback'],
              unexpected: [],
            },
            accessTokenVersion2: false,
            preferredUsernameClaim: false,
            secrets: [],
            problems: [
              'No application with client ID 11111111-1111-1111-1111-111111111111 exists in the tenant',
            ],
            health: 'error',
          }),
        ],
      }),
    );
    await renderContent(api);

    const orchestration = await screen.findByRole('row', {
      name: /^Orchestration Cluster/,
    });
    expect(
      within(orchestration).getByText(
        'No application with client ID 11111111-1111-1111-1111-111111111111 exists in the tenant',
      ),
    ).toBeVisible();
    expect(
      redirectUri(
        orchestration,
        'https://payments.example.com/sso-callback (missing)',
      ),
    ).toBeVisible();
    expect(within(orchestration).queryByRole('link')).toBeNull();
    expect(
      within(orchestration).queryByRole('button', { name: 'Rotate secret' }),
    ).toBeNull();
  });

  it("shows the deployment's last sign-in verification and verifies it again for anyone who sees the tab", async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        lastVerification: {
          verifiedAt: '2026-03-01T09:00:00.000Z',
          passed: false,
          checks: 8,
          problems: [
            {
              client: 'orchestration',
              check: 'platform',
              message: 'registered as spa, but the values configure web',
            },
          ],
        },
      }),
    );
    api.verifySignIn.mockResolvedValue({
      verifiedAt: '2026-03-01T11:00:00.000Z',
      passed: true,
      checks: 8,
      problems: [],
    });
    await renderContent(api);

    const panel = await screen.findByRole('region', {
      name: 'Sign-in verification',
    });
    expect(
      within(panel).getByRole('table', { name: 'Sign-in problems' }),
    ).toHaveTextContent(
      'Orchestration ClusterPlatformregistered as spa, but the values configure web',
    );
    // No rotation permission is needed: the verification changes nothing.
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Verify sign-in' }),
    );

    expect(api.verifySignIn).toHaveBeenCalledWith(ENTITY_REF);
    expect(await within(panel).findByText('Passed')).toBeVisible();
    expect(within(panel).queryByRole('table')).toBeNull();
  });

  it('explains an entity without applications', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({ components: [] }),
    );
    await renderContent(api);

    expect(
      await screen.findByText(
        /No Entra applications are registered for this deployment yet/,
      ),
    ).toBeVisible();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows why the status could not be loaded', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockRejectedValue(
      await responseError(
        403,
        'Forbidden',
        `not allowed to read ${ENTITY_REF}`,
      ),
    );
    await renderContent(api);

    expect(
      await screen.findByText(/Request failed with 403 Forbidden/),
    ).toBeVisible();
    expect(
      screen.getByText(`not allowed to read ${ENTITY_REF}`),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the last known state with its age when Entra could not be read', async () => {
    const api = mockCamundaEntraApi();
    api.getEntityStatus.mockResolvedValue(
      createDeploymentStatus({
        stale: { ageSeconds: 600, error: 'Microsoft Graph answered 503' },
      }),
    );
    await renderContent(api);

    expect(
      await screen.findByText(
        'Showing the state from 10 minutes ago: Microsoft Graph answered 503',
      ),
    ).toBeVisible();
    expect(row('Orchestration Cluster')).toHaveTextContent(
      'Expires in 400 days',
    );
  });

  it.each([
    [true, 'offers'],
    [false, 'offers no'],
  ])(
    'with the rotate permission %s, %s repair of drifted applications',
    async allowed => {
      jest.mocked(usePermission).mockReturnValue({ loading: false, allowed });
      const api = mockCamundaEntraApi();
      api.getEntityStatus.mockResolvedValue(
        createDeploymentStatus({
          components: [
            createComponentStatus({
              drift: [
                {
                  property: 'groupMembershipClaims',
                  actual: 'All',
                  expected: 'None',
                },
              ],
            }),
          ],
        }),
      );
      await renderContent(api);
      await screen.findByRole('table');

      expect(screen.queryAllByRole('button', { name: 'Repair' }).length).toBe(
        allowed ? 1 : 0,
      );
    },
  );

  describe('secret rotation', () => {
    const status = createDeploymentStatus({
      components: [
        createComponentStatus(),
        createComponentStatus({
          client: 'optimize',
          appId: '22222222-2222-2222-2222-222222222222',
          secrets: [],
        }),
        webModelerUi,
      ],
    });

    it('is offered for applications with a secret to those with the permission', async () => {
      jest
        .mocked(usePermission)
        .mockReturnValue({ loading: false, allowed: true });
      const api = mockCamundaEntraApi();
      api.getEntityStatus.mockResolvedValue(status);
      api.requestSecretRotation.mockResolvedValue(
        createRequest({ id: 'req-9', kind: 'rotate', client: 'orchestration' }),
      );
      await renderContent(api);

      expect(usePermission).toHaveBeenCalledWith({
        permission: camundaEntraSecretRotatePermission,
        resourceRef: 'component:default/camunda-payments',
      });
      await screen.findByRole('table');
      // Public clients have no secret; a confidential one whose secrets are gone needs one.
      expect(
        within(row('Web Modeler UI')).queryByRole('button', {
          name: 'Rotate secret',
        }),
      ).toBeNull();
      expect(
        within(row('Optimize')).getByRole('button', { name: 'Rotate secret' }),
      ).toBeInTheDocument();

      // Cancelling asks for nothing.
      const rotate = within(row('Orchestration Cluster')).getByRole('button', {
        name: 'Rotate secret',
      });
      await userEvent.click(rotate);
      await userEvent.click(
        within(
          screen.getByRole('dialog', {
            name: 'Rotate the Orchestration Cluster secret?',
          }),
        ).getByRole('button', { name: 'Cancel' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(api.requestSecretRotation).not.toHaveBeenCalled();

      await userEvent.click(rotate);
      await userEvent.click(
        screen.getByRole('button', { name: 'Request rotation' }),
      );

      expect(api.requestSecretRotation).toHaveBeenCalledWith({
        entityRef: ENTITY_REF,
        client: 'orchestration',
      });
      const notice = await screen.findByRole('alert');
      expect(notice).toHaveTextContent(
        'Rotation of the Orchestration Cluster secret requested: it waits for approval by the platform team.',
      );
      expect(
        within(notice).getByRole('link', { name: 'View request' }),
      ).toHaveAttribute('href', '/camunda-entra/requests/req-9');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(
        within(row('Orchestration Cluster')).queryByRole('button', {
          name: 'Rotate secret',
        }),
      ).toBeNull();
    });

    it('keeps the dialog open with the reason when the request is refused', async () => {
      jest
        .mocked(usePermission)
        .mockReturnValue({ loading: false, allowed: true });
      const api = mockCamundaEntraApi();
      api.getEntityStatus.mockResolvedValue(status);
      api.requestSecretRotation.mockRejectedValue(
        await responseError(
          409,
          'Conflict',
          'a rotation of orchestration is already pending',
        ),
      );
      await renderContent(api);

      await screen.findByRole('table');
      await userEvent.click(
        within(row('Orchestration Cluster')).getByRole('button', {
          name: 'Rotate secret',
        }),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Request rotation' }),
      );

      expect(
        await within(screen.getByRole('dialog')).findByText(
          'Request failed with 409 Conflict: a rotation of orchestration is already pending',
        ),
      ).toBeVisible();
      expect(screen.queryByText(/waits for approval/)).toBeNull();
    });

    it("shows a machine client with its secret's expiry and rotates it by its client key", async () => {
      jest
        .mocked(usePermission)
        .mockReturnValue({ loading: false, allowed: true });
      const api = mockCamundaEntraApi();
      api.getEntityStatus.mockResolvedValue(
        createDeploymentStatus({
          components: [
            createComponentStatus(),
            createComponentStatus({
              client: 'machine.payments-worker',
              appId: '55555555-5555-5555-5555-555555555555',
              displayName: 'Camunda payments machine client payments-worker',
              expectedPlatform: 'none',
              actualPlatform: 'none',
              redirectUris: {
                expected: [],
                actual: [],
                missing: [],
                unexpected: [],
              },
              secrets: [
                {
                  keyId: 'key-worker',
                  displayName: 'camunda-entra',
                  endDateTime: '2026-07-01T00:00:00.000Z',
                  daysLeft: 30,
                  status: 'ok',
                },
              ],
            }),
          ],
        }),
      );
      api.requestSecretRotation.mockResolvedValue(
        createRequest({
          id: 'req-10',
          kind: 'rotate',
          client: 'machine.payments-worker',
        }),
      );
      await renderContent(api);

      await screen.findByRole('table');
      const worker = row('Machine client payments-worker');
      expect(within(worker).getByText('Expires in 30 days')).toBeVisible();
      await userEvent.click(
        within(worker).getByRole('button', { name: 'Rotate secret' }),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Request rotation' }),
      );

      expect(api.requestSecretRotation).toHaveBeenCalledWith({
        entityRef: ENTITY_REF,
        client: 'machine.payments-worker',
      });
    });

    it('is not offered without the permission', async () => {
      const api = mockCamundaEntraApi();
      api.getEntityStatus.mockResolvedValue(status);
      await renderContent(api);

      await screen.findByRole('table');
      expect(screen.getByText('Expires in 400 days')).toBeVisible();
      expect(
        screen.queryByRole('button', { name: 'Rotate secret' }),
      ).toBeNull();
    });
  });
});
