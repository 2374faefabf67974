import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotFoundError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import { camundaEntraRequestApprovePermission } from '@camunda-entra/plugin-camunda-entra-common';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { renderRequestsPage } from '../../__testUtils__/renderRequestsPage';
import { formatTimestamp } from '../../lib/presentation';
import { POLL_INTERVAL_MS } from './useRequest';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));

// Viewers without the approve permission; RequestDecisionCard.test covers approvers.
beforeEach(() => {
  jest
    .mocked(usePermission)
    .mockReturnValue({ loading: false, allowed: false });
});

function applicationRow(name: string) {
  const table = screen.getByRole('table', { name: 'Applications' });
  return within(table).getByText(name).closest('tr')!;
}

describe('RequestDetails', () => {
  it('shows the plan an approver decides on', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(
      createRequest({ environment: 'development' }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(api.getRequest).toHaveBeenCalledWith('req-1');
    expect(
      screen.getByRole('heading', { name: 'payments' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Client secrets are valid for 180 days and go to Kubernetes Secret payments-dev/entra-credentials.',
      ),
    ).toBeInTheDocument();

    const web = within(applicationRow('Camunda payments Orchestration'));
    expect(web.getByText('camunda-payments-orchestration')).toBeInTheDocument();
    expect(web.getByText('Web')).toBeInTheDocument();
    expect(
      web.getByText('https://payments.example.com/sso-callback'),
    ).toBeInTheDocument();
    expect(web.getByText('offline_access')).toBeInTheDocument();
    expect(web.getByText('Yes')).toBeInTheDocument();
    expect(web.getByText('Not registered yet')).toBeInTheDocument();

    const spa = within(applicationRow('Camunda payments Web Modeler UI'));
    expect(spa.getByText('SPA')).toBeInTheDocument();
    expect(spa.getByText('None (public client)')).toBeInTheDocument();

    expect(screen.getByText('development')).toBeInTheDocument();
    expect(screen.getByText('payments-dev')).toBeInTheDocument();
  });

  it('tells the approver whose existing registration a request changes', async () => {
    const api = mockCamundaEntraApi();
    const request = createRequest();
    api.getRequest.mockResolvedValue({
      ...request,
      plan: {
        ...request.plan,
        registration: {
          kind: 'existing',
          requestId: 'req-0',
          entityRef: 'component:default/payments',
          namespace: 'payments-dev',
          requester: 'user:default/sam',
        },
      },
    });
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      await screen.findByText(
        'Changes the existing registration of component:default/payments in namespace payments-dev, last provisioned by request req-0 of user:default/sam.',
      ),
    ).toBeInTheDocument();
  });

  it('says whose deployment it is, and in words when the requester is not a member of the owner', async () => {
    const api = mockCamundaEntraApi();
    const request = createRequest();
    api.getRequest.mockResolvedValue({
      ...request,
      plan: {
        ...request.plan,
        ownership: {
          owner: 'group:default/payments-team',
          note: 'user:default/pat is not a member of group:default/payments-team, which owns the deployment; asked as an approver',
        },
      },
    });
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      screen.getByText('Owner of the deployment: group:default/payments-team.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Note: user:default/pat is not a member of group:default/payments-team, which owns the deployment; asked as an approver.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a transfer as the owner it moves the deployment to, without applications', async () => {
    const api = mockCamundaEntraApi();
    const request = createRequest();
    api.getRequest.mockResolvedValue({
      ...request,
      kind: 'transfer',
      plan: {
        ...request.plan,
        applications: [],
        secretDestination:
          'unchanged: a transfer changes no application and no client secret',
        ownership: {
          owner: 'group:default/payments-team',
          transferTo: 'group:default/billing-team',
        },
      },
    });
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      screen.getByText(
        'Moves the deployment from group:default/payments-team to group:default/billing-team: its status, rotations and repairs are then theirs.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'unchanged: a transfer changes no application and no client secret',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Applications' }),
    ).not.toBeInTheDocument();
  });

  it('shows a repair as the changes it undoes, without secrets', async () => {
    const api = mockCamundaEntraApi();
    const request = createRequest({ kind: 'repair' });
    api.getRequest.mockResolvedValue({
      ...request,
      plan: {
        ...request.plan,
        applications: [
          {
            ...request.plan.applications[0],
            secret: false,
            differences: [
              {
                property: 'web.redirectUris',
                actual: 'https://rogue.example.com',
                expected: 'https://payments.example.com/sso-callback',
              },
              {
                property: 'groupMembershipClaims',
                actual: 'None',
                expected: 'SecurityGroup',
              },
            ],
          },
        ],
      },
    });
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      await screen.findByText(
        'Undoes changes made outside the portal; client secrets are not touched.',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Changes to undo' }))
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      [
        'Camunda payments Orchestration',
        'web.redirectUris',
        'https://rogue.example.com',
        'https://payments.example.com/sso-callback',
      ],
      [
        'Camunda payments Orchestration',
        'groupMembershipClaims',
        'None',
        'SecurityGroup',
      ],
    ]);
    expect(screen.queryByRole('table', { name: 'Applications' })).toBeNull();
  });

  it('shows an upgrade: the Entra changes, breaking changes, pending removals and a collapsible values diff', async () => {
    const api = mockCamundaEntraApi();
    const base = createRequest();
    api.getRequest.mockResolvedValue(
      createRequest({
        kind: 'upgrade',
        plan: {
          ...base.plan,
          upgrade: {
            from: '8.9',
            to: '8.10',
            applications: [
              {
                client: 'console',
                uniqueName: 'camunda-payments-console',
                displayName: 'Camunda payments Console',
                change: 'removed',
                differences: [],
              },
              {
                client: 'camundaHubUi',
                uniqueName: 'camunda-payments-camunda-hub-ui',
                displayName: 'Camunda payments Camunda Hub UI',
                change: 'added',
                differences: [],
              },
            ],
            values: [
              {
                path: 'values.yaml',
                change: 'changed',
                diff: '--- a/values.yaml\n+++ b/values.yaml\n@@ -1,1 +1,1 @@\n-webModeler:\n+camundaHub:',
              },
            ],
            breakingChanges: [
              {
                id: 'camunda-hub',
                summary: 'Camunda Hub replaces Web Modeler and Console.',
              },
            ],
            pendingRemovals: [
              {
                client: 'console',
                uniqueName: 'camunda-payments-console',
                change: 'removed',
              },
            ],
          },
        },
      }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      screen.getByText('Upgrade from Camunda 8.9 to 8.10'),
    ).toBeInTheDocument();
    const changes = within(
      screen.getByRole('table', { name: 'Entra changes' }),
    );
    expect(
      changes.getByText('Camunda payments Console').closest('tr'),
    ).toHaveTextContent('Removed when finished');
    expect(
      changes.getByText('Camunda payments Camunda Hub UI').closest('tr'),
    ).toHaveTextContent('Added on approval');
    expect(
      within(screen.getByRole('list', { name: 'Breaking changes' })).getByText(
        'Camunda Hub replaces Web Modeler and Console.',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Pending until finished' }),
      ).getByRole('listitem'),
    ).toHaveTextContent(
      'Console (camunda-payments-console): deleted with its client secrets',
    );
    // Collapsed until asked for.
    expect(screen.queryByLabelText('Diff of values.yaml')).toBeNull();
    await userEvent.click(screen.getByText('values.yaml (changed)'));
    expect(screen.getByLabelText('Diff of values.yaml')).toHaveTextContent(
      '-webModeler:+camundaHub:',
    );
  });

  it('shows an adoption as the applications found, their drift and their secrets’ expiry', async () => {
    const api = mockCamundaEntraApi();
    const request = createRequest({ kind: 'adopt' });
    api.getRequest.mockResolvedValue({
      ...request,
      plan: {
        ...request.plan,
        applications: [
          {
            ...request.plan.applications[0],
            secret: false,
            differences: [
              { property: 'tags', actual: '(none)', expected: 'camunda' },
            ],
            existing: {
              appId: '11111111-2222-4333-8444-555555555555',
              displayName: 'oc-app',
              secrets: [
                {
                  keyId: 'k1',
                  hint: 'Abc',
                  endDateTime: '2027-01-01T00:00:00.000Z',
                },
              ],
            },
          },
        ],
      },
    });
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      await screen.findByText(
        "Records these applications as the deployment's registration; nothing in Entra changes and no secret is made.",
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Applications to adopt' }))
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          within(row)
            .getAllByRole('cell')
            .map(c => c.textContent),
        ),
    ).toEqual([
      [
        'Camunda payments Orchestration',
        'oc-app (11111111-2222-4333-8444-555555555555)',
        'tags: (none) (portal: camunda)',
        `Abc… expires ${formatTimestamp('2027-01-01T00:00:00.000Z')}`,
      ],
    ]);
    expect(screen.queryByRole('table', { name: 'Applications' })).toBeNull();
  });

  it('shows the history with actor, time and comment', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(
      createRequest({
        state: 'rejected',
        history: [
          {
            state: 'pending',
            actor: 'user:default/jane',
            at: '2026-03-01T10:00:00.000Z',
          },
          {
            state: 'rejected',
            actor: 'user:default/platform-lead',
            at: '2026-03-02T09:30:00.000Z',
            comment: 'Use the shared tenant',
          },
        ],
      }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    const rows = within(screen.getByRole('table', { name: 'History' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows).toHaveLength(2);
    const rejection = within(rows[1]);
    expect(rejection.getByText('Rejected')).toBeInTheDocument();
    expect(
      rejection.getByRole('link', { name: 'platform-lead' }),
    ).toHaveAttribute('href', '/catalog/default/user/platform-lead');
    expect(
      rejection.getByText(formatTimestamp('2026-03-02T09:30:00.000Z')),
    ).toBeInTheDocument();
    expect(rejection.getByText('Use the shared tenant')).toBeInTheDocument();
    // Nothing left to decide on a rejected request.
    expect(screen.queryByText('Decision')).not.toBeInTheDocument();
  });

  it('shows client IDs, secret expiry and where the secrets went once provisioned', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(
      createRequest({
        state: 'provisioned',
        clients: {
          orchestration: '11111111-2222-3333-4444-555555555555',
          webModelerUi: '66666666-7777-8888-9999-000000000000',
        },
        secrets: {
          orchestration: {
            keyId: 'key-1',
            endDateTime: '2026-08-28T10:00:00.000Z',
          },
        },
        secretLocation: 'Secret payments-dev/entra-credentials',
      }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    const web = within(applicationRow('Camunda payments Orchestration'));
    expect(
      web.getByText('11111111-2222-3333-4444-555555555555'),
    ).toBeInTheDocument();
    expect(
      web.getByText(`Expires ${formatTimestamp('2026-08-28T10:00:00.000Z')}`),
    ).toBeInTheDocument();
    expect(
      within(applicationRow('Camunda payments Web Modeler UI')).getByText(
        '66666666-7777-8888-9999-000000000000',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Secret payments-dev/entra-credentials'),
    ).toBeInTheDocument();
  });

  it('shows why provisioning failed', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(
      createRequest({
        state: 'failed',
        failureReason:
          'Graph answered 403: Application.ReadWrite.OwnedBy missing',
      }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(screen.getByText('Provisioning failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Graph answered 403: Application.ReadWrite.OwnedBy missing',
      ),
    ).toBeInTheDocument();
  });

  it('names the rotated client by its application, a machine client too', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(
      createRequest({ kind: 'rotate', client: 'machine.payments-worker' }),
    );
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      screen.getByText('Machine client payments-worker'),
    ).toBeInTheDocument();
  });

  it('is read-only, saying why, without the approve permission', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(usePermission).toHaveBeenCalledWith({
      permission: camundaEntraRequestApprovePermission,
    });
    expect(
      screen.getByText(/Read-only: approving, rejecting and retrying/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Comment' })).toBeNull();
  });

  it('offers no retry of a failed request without the permission', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest({ state: 'failed' }));
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(
      screen.getByText(/Read-only: approving, rejecting and retrying/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('links back to the list', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockResolvedValue(createRequest());
    await renderRequestsPage({ api, path: '/requests/req-1' });

    expect(screen.getByRole('link', { name: 'Requests' })).toHaveAttribute(
      'href',
      '/',
    );
  });

  it('shows the error when the request cannot be loaded', async () => {
    const api = mockCamundaEntraApi();
    api.getRequest.mockRejectedValue(
      new NotFoundError('request req-9 not found'),
    );
    await renderRequestsPage({ api, path: '/requests/req-9' });

    expect(
      screen.getByText('Error: request req-9 not found'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  describe('while provisioning runs', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('polls until the request settles', async () => {
      const api = mockCamundaEntraApi();
      api.getRequest
        .mockResolvedValueOnce(createRequest({ state: 'provisioning' }))
        .mockResolvedValueOnce(createRequest({ state: 'provisioned' }));
      await renderRequestsPage({ api, path: '/requests/req-1' });
      expect(screen.getByText('Provisioning')).toBeInTheDocument();

      await act(async () => {
        jest.advanceTimersByTime(POLL_INTERVAL_MS);
      });
      expect(api.getRequest).toHaveBeenCalledTimes(2);
      expect(screen.getByText('Provisioned')).toBeInTheDocument();
      expect(screen.queryByText('Provisioning')).not.toBeInTheDocument();

      await act(async () => {
        jest.advanceTimersByTime(POLL_INTERVAL_MS * 3);
      });
      expect(api.getRequest).toHaveBeenCalledTimes(2);
    });
  });
});
