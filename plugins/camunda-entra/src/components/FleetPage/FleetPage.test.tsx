import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import {
  createExpiryTimeline,
  createFleetDeployment,
} from '../../__testUtils__/fleet';
import { mockCamundaEntraApi } from '../../__testUtils__/requests';
import { responseError } from '../../__testUtils__/responseError';
import { fleetRouteRef, rootRouteRef } from '../../routes';
import { FleetPage } from './FleetPage';

// jsdom lays nothing out, so the chart is given the size its container would measure.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  const { cloneElement } = jest.requireActual('react');
  return {
    ...actual,
    ResponsiveContainer: (props: { children: JSX.Element }) =>
      cloneElement(props.children, { width: 800, height: 240 }),
  };
});

const rows = [
  createFleetDeployment(),
  createFleetDeployment({
    deployment: 'billing',
    entityRef: 'component:default/camunda-billing',
    owner: 'group:default/billing-team',
    chart: '8.9',
    health: 'error',
    driftCount: 2,
    nextExpiry: {
      client: 'optimize',
      endDateTime: '2027-01-06T00:00:00.000Z',
      status: 'critical',
    },
    lastVerification: undefined,
    openRequests: 1,
  }),
];

async function renderFleetPage(
  api = mockCamundaEntraApi(),
  page = { items: rows, totalCount: rows.length },
) {
  api.listDeployments.mockResolvedValue(page);
  api.getExpiryTimeline.mockResolvedValue(
    createExpiryTimeline({ 0: { critical: 2, ok: 1 }, 3: { expiring: 4 } }),
  );
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <FleetPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/camunda-entra/deployments': fleetRouteRef,
        '/camunda-entra': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  await screen.findByRole('link', { name: 'billing' });
  return api;
}

/** The query of the API's latest call. */
const lastQuery = (api: ReturnType<typeof mockCamundaEntraApi>) =>
  api.listDeployments.mock.calls.at(-1)?.[0];

describe('FleetPage', () => {
  it('shows a row per deployment with its health, drift, next expiry and open requests', async () => {
    const api = await renderFleetPage();

    expect(
      screen.getByRole('heading', { name: 'Camunda fleet' }),
    ).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenCalledTimes(1);
    expect(lastQuery(api)).toEqual({ limit: 20 });

    const billing = screen.getByRole('row', { name: /^billing/ });
    expect(
      within(billing).getByRole('link', { name: 'billing' }),
    ).toHaveAttribute('href', '/catalog/default/component/camunda-billing');
    expect(billing).toHaveTextContent('8.9');
    expect(billing).toHaveTextContent('Error');
    expect(billing).toHaveTextContent('Optimize: Jan 6, 2027');
    expect(
      within(billing).getByRole('link', {
        name: '1 open request for billing',
      }),
    ).toHaveAttribute('href', '/camunda-entra?filter=all&deployment=billing');

    const payments = screen.getByRole('row', { name: /^payments/ });
    expect(payments).toHaveTextContent('production');
    expect(payments).toHaveTextContent('Passed');
    expect(
      screen.getByRole('button', { name: 'Entra requests' }),
    ).toHaveAttribute('href', '/camunda-entra');
  });

  it('asks the API to sort by the clicked column, ascending then descending', async () => {
    const api = await renderFleetPage();

    await userEvent.click(screen.getByText('Next secret expiry'));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ sort: 'nextExpiry', limit: 20 }),
    );
    await userEvent.click(screen.getByText('Next secret expiry'));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        sort: 'nextExpiry',
        order: 'desc',
        limit: 20,
      }),
    );
  });

  it('asks the API once for what was typed in the search field', async () => {
    const api = await renderFleetPage();

    await userEvent.type(screen.getByPlaceholderText('Filter'), 'pay');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ search: 'pay', limit: 20 }),
    );
    // One call for the page, one for the search: the keystrokes were debounced.
    expect(api.listDeployments).toHaveBeenCalledTimes(2);
  });

  it('asks the API with the health, owner and expiry filters', async () => {
    const api = await renderFleetPage();

    await userEvent.click(screen.getByLabelText('Health'));
    await userEvent.click(screen.getByRole('option', { name: 'Error' }));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ health: ['error'], limit: 20 }),
    );
    await userEvent.keyboard('{Escape}');

    await userEvent.type(screen.getByLabelText('Owner'), 'payments-team');
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        health: ['error'],
        owner: 'group:default/payments-team',
        limit: 20,
      }),
    );

    await userEvent.click(screen.getByLabelText('Secret expiring'));
    await userEvent.click(
      screen.getByRole('option', { name: 'Within 30 days' }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        health: ['error'],
        owner: 'group:default/payments-team',
        expiringWithinDays: 30,
        limit: 20,
      }),
    );
  });

  it('pages on with the cursor the API returned', async () => {
    const api = mockCamundaEntraApi();
    await renderFleetPage(api, {
      items: rows,
      totalCount: 45,
      nextCursor: 'c2',
    } as never);

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({ limit: 20, cursor: 'c2' }),
    );
  });

  it('filters the table to a week clicked on the timeline, until its chip is removed', async () => {
    const api = await renderFleetPage();

    await userEvent.click(
      await screen.findByRole('button', {
        name: '2 critical in the week of Jan 4',
      }),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        expiring: { from: '2027-01-04', to: '2027-01-11' },
        limit: 20,
      }),
    );

    const chip = screen.getByRole('button', {
      name: /^Secrets ending Jan 4 – Jan 10/,
    });
    await userEvent.click(within(chip).getByTitle('Clear the week'));
    await waitFor(() => expect(lastQuery(api)).toEqual({ limit: 20 }));
    expect(
      screen.queryByText('Secrets ending Jan 4 – Jan 10'),
    ).not.toBeInTheDocument();
  });

  it('shows why the deployments could not be loaded', async () => {
    const api = mockCamundaEntraApi();
    api.listDeployments.mockRejectedValue(
      await responseError(503, 'Service Unavailable', 'status cache is down'),
    );
    api.getExpiryTimeline.mockResolvedValue(createExpiryTimeline({}));
    await renderInTestApp(
      <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
        <FleetPage />
      </TestApiProvider>,
    );

    expect(
      await screen.findAllByText(/Request failed with 503 Service Unavailable/),
    ).not.toHaveLength(0);
    expect(screen.getAllByText(/status cache is down/)).not.toHaveLength(0);
  });
});
