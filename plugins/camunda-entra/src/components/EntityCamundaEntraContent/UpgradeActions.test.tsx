import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { RequestPlanUpgrade } from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { rootRouteRef } from '../../routes';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { responseError } from '../../__testUtils__/responseError';
import { UpgradeActions } from './UpgradeActions';

const ENTITY_REF = 'component:default/camunda-payments';

const UPGRADE_TO_8_10: RequestPlanUpgrade = {
  from: '8.9',
  to: '8.10',
  applications: [],
  values: [],
  breakingChanges: [],
  pendingRemovals: [
    {
      client: 'console',
      uniqueName: 'camunda-payments-console',
      change: 'removed',
    },
    {
      client: 'identity',
      uniqueName: 'camunda-payments-identity',
      change: 'changed',
    },
  ],
};

function upgradeRequest(
  state: 'pending' | 'provisioned',
  upgrade: RequestPlanUpgrade = UPGRADE_TO_8_10,
) {
  const base = createRequest();
  return createRequest({
    id: `upgrade-${state}`,
    kind: 'upgrade',
    state,
    entityRef: ENTITY_REF,
    plan: { ...base.plan, upgrade },
  });
}

async function renderActions(
  api: ReturnType<typeof mockCamundaEntraApi>,
  chart = '8.8',
) {
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <UpgradeActions entityRef={ENTITY_REF} chart={chart} />
    </TestApiProvider>,
    { mountedRoutes: { '/camunda-entra': rootRouteRef } },
  );
}

describe('UpgradeActions', () => {
  it('offers the newer lines, only the next one selectable, and asks for the upgrade', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: [] });
    api.requestUpgrade.mockResolvedValue(
      upgradeRequest('pending', { ...UPGRADE_TO_8_10, from: '8.8', to: '8.9' }),
    );
    await renderActions(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Upgrade' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Upgrade from Camunda 8.8?',
    });
    expect(within(dialog).getByRole('radio', { name: '8.9' })).toBeEnabled();
    expect(
      within(dialog).getByRole('radio', {
        name: '8.10 (preview): upgrade to 8.9 first',
      }),
    ).toBeDisabled();
    // 8.9 bundles its databases: nothing to fill in.
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request upgrade to 8.9' }),
    );

    expect(api.requestUpgrade).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
      chart: '8.9',
    });
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Upgrade to 8.9 pending.');
    expect(
      within(notice).getByRole('link', { name: 'View request' }),
    ).toHaveAttribute('href', '/camunda-entra/requests/upgrade-pending');
  });

  it('marks 8.10 as a preview and sends what it needs, showing the refusal naming a missing field', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: [] });
    api.requestUpgrade.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'Cannot upgrade payments to 8.10: secondaryStorage: is required on 8.10',
      ),
    );
    await renderActions(api, '8.9');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Upgrade' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByRole('radio', { name: '8.10 (preview)' }),
    ).toBeEnabled();
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: 'What 8.10 needs (JSON)' }),
    );
    await userEvent.paste('{"databases": {}}');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request upgrade to 8.10' }),
    );

    expect(api.requestUpgrade).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
      chart: '8.10',
      with: { databases: {} },
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'secondaryStorage: is required',
    );
  });

  it('offers nothing beyond the newest line', async () => {
    const api = mockCamundaEntraApi();
    api.listRequests.mockResolvedValue({ items: [] });
    await renderActions(api, '8.10');

    await waitFor(() => expect(api.listRequests).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Upgrade' })).toBeNull();
  });

  it('offers to finish an applied upgrade, listing what it removes', async () => {
    const api = mockCamundaEntraApi();
    const applied = upgradeRequest('provisioned');
    api.listRequests.mockResolvedValueOnce({ items: [applied] });
    api.listRequests.mockResolvedValue({
      items: [
        {
          ...applied,
          plan: {
            ...applied.plan,
            upgrade: {
              ...UPGRADE_TO_8_10,
              finished: {
                actor: 'user:default/jane',
                at: '2026-12-07T10:00:00Z',
              },
            },
          },
        },
      ],
    });
    api.finishUpgrade.mockResolvedValue(applied);
    await renderActions(api, '8.9');

    await userEvent.click(
      await screen.findByRole('button', { name: 'Finish upgrade' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Finish the upgrade to 8.10?',
    });
    expect(
      within(
        within(dialog).getByRole('list', { name: 'Removed when finished' }),
      )
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Console: application deleted with its client secrets',
      'Management Identity: redirect URIs only 8.9 used removed',
    ]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Finish upgrade' }),
    );

    expect(api.finishUpgrade).toHaveBeenCalledWith('upgrade-provisioned');
    // Finished on 8.10, the newest line: nothing more to offer.
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Finish upgrade' }),
      ).toBeNull(),
    );
    expect(screen.queryByRole('button', { name: 'Upgrade' })).toBeNull();
  });
});
