import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { renderRequestsPage } from '../../__testUtils__/renderRequestsPage';
import { responseError } from '../../__testUtils__/responseError';

const requests = [
  createRequest({ id: 'r-pending', spec: { name: 'payments' } }),
  createRequest({
    id: 'r-approved',
    state: 'approved',
    spec: { name: 'billing' },
  }),
  createRequest({
    id: 'r-provisioning',
    state: 'provisioning',
    spec: { name: 'shipping' },
  }),
  createRequest({
    id: 'r-provisioned',
    state: 'provisioned',
    kind: 'rotate',
    client: 'optimize',
    spec: { name: 'ledger' },
    requester: 'user:default/sam',
  }),
  createRequest({ id: 'r-failed', state: 'failed', spec: { name: 'audit' } }),
];

function deploymentLinks() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);
}

describe('RequestList', () => {
  it('opens on the pending tab and shows each request as a row', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: requests });
    await renderRequestsPage({ api });

    expect(
      screen.getByRole('heading', { name: 'Camunda Entra requests' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Pending (1)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(deploymentLinks()).toEqual(['payments']);

    const row = screen.getAllByRole('row')[1];
    expect(within(row).getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/requests/r-pending',
    );
    expect(within(row).getByText('Provision')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'jane' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(within(row).getByText('Pending')).toBeInTheDocument();
  });

  it('groups approved and provisioning requests in one tab, and counts every tab', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: requests });
    await renderRequestsPage({ api });

    expect(screen.getAllByRole('tab').map(tab => tab.textContent)).toEqual([
      'Pending (1)',
      'Approved/Provisioning (2)',
      'Provisioned (1)',
      'Rejected (0)',
      'Failed (1)',
      'All (5)',
    ]);

    await userEvent.click(
      screen.getByRole('tab', { name: 'Approved/Provisioning (2)' }),
    );
    expect(deploymentLinks()).toEqual(['billing', 'shipping']);

    await userEvent.click(screen.getByRole('tab', { name: 'Provisioned (1)' }));
    expect(deploymentLinks()).toEqual(['ledger']);
    expect(screen.getByText('Secret rotation')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'sam' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'All (5)' }));
    expect(deploymentLinks()).toEqual([
      'payments',
      'billing',
      'shipping',
      'ledger',
      'audit',
    ]);
    // One call serves every tab.
    expect(api.listRequests).toHaveBeenCalledTimes(1);
  });

  it('opens the tab named in the URL', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: requests });
    await renderRequestsPage({ api, path: '/?filter=failed' });

    expect(screen.getByRole('tab', { name: 'Failed (1)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(deploymentLinks()).toEqual(['audit']);
  });

  it("narrows the list to the deployment named in the URL (the fleet page's link) until its chip is removed", async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: requests });
    await renderRequestsPage({ api, path: '/?filter=all&deployment=billing' });

    expect(screen.getByRole('tab', { name: 'All (1)' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(deploymentLinks()).toEqual(['billing']);

    await userEvent.click(
      within(
        screen.getByRole('button', { name: /^Deployment billing/ }),
      ).getByTitle('Show every deployment'),
    );
    expect(screen.getByRole('tab', { name: 'All (5)' })).toBeInTheDocument();
    expect(deploymentLinks()).toHaveLength(5);
  });

  it('says so when a tab has no requests', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: requests });
    await renderRequestsPage({ api });

    await userEvent.click(screen.getByRole('tab', { name: 'Rejected (0)' }));
    expect(screen.getByText('No rejected requests')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when there are no requests at all', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: [] });
    await renderRequestsPage({ api, path: '/?filter=all' });

    expect(screen.getByText('No requests yet')).toBeInTheDocument();
  });

  it('shows why the requests could not be loaded', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockRejectedValue(
      await responseError(503, 'Service Unavailable', 'database is down'),
    );
    await renderRequestsPage({ api });

    expect(
      screen.getByText(/Request failed with 503 Service Unavailable/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database is down/).length).toBeGreaterThan(0);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });
});
