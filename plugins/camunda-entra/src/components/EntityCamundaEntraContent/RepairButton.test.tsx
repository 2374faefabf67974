import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { rootRouteRef } from '../../routes';
import { createComponentStatus } from '../../__testUtils__/entityStatus';
import {
  createRequest,
  mockCamundaEntraApi,
} from '../../__testUtils__/requests';
import { responseError } from '../../__testUtils__/responseError';
import { RepairButton } from './RepairButton';

const ENTITY_REF = 'component:default/camunda-payments';

const drifted = [
  createComponentStatus({
    drift: [
      {
        property: 'web.redirectUris',
        actual:
          'https://payments.example.com/sso-callback, https://rogue.example.com',
        expected: 'https://payments.example.com/sso-callback',
      },
    ],
  }),
  createComponentStatus({
    client: 'optimize',
    drift: [
      { property: 'groupMembershipClaims', actual: 'All', expected: 'None' },
    ],
  }),
];

async function renderButton(
  api: ReturnType<typeof mockCamundaEntraApi>,
  components = drifted,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[camundaEntraApiRef, api]]}>
      <RepairButton entityRef={ENTITY_REF} components={components} />
    </TestApiProvider>,
    { mountedRoutes: { '/camunda-entra': rootRouteRef } },
  );
}

describe('RepairButton', () => {
  it('is not offered when nothing drifted', async () => {
    await renderButton(mockCamundaEntraApi(), [createComponentStatus()]);

    expect(screen.queryByRole('button', { name: 'Repair' })).toBeNull();
  });

  it('asks for a repair after showing what it undoes, then links the request', async () => {
    const api = mockCamundaEntraApi();
    api.requestRepair.mockResolvedValue(
      createRequest({ id: 'req-12', kind: 'repair' }),
    );
    await renderButton(api);

    await userEvent.click(screen.getByRole('button', { name: 'Repair' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Repair the drifted applications?',
    });
    expect(
      within(within(dialog).getByRole('list', { name: 'Changes to undo' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Orchestration Cluster: web.redirectUris https://payments.example.com/sso-callback, https://rogue.example.com → https://payments.example.com/sso-callback',
      'Optimize: groupMembershipClaims All → None',
    ]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Request repair' }),
    );

    expect(api.requestRepair).toHaveBeenCalledWith({ entityRef: ENTITY_REF });
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent(
      'Repair requested: it waits for approval by the platform team.',
    );
    expect(
      within(notice).getByRole('link', { name: 'View request' }),
    ).toHaveAttribute('href', '/camunda-entra/requests/req-12');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Repair' })).toBeNull();
  });

  it('keeps the dialog open with the reason when the request is refused', async () => {
    const api = mockCamundaEntraApi();
    api.requestRepair.mockRejectedValue(
      await responseError(
        409,
        'Conflict',
        'A repair of component:default/camunda-payments is already pending',
      ),
    );
    await renderButton(api);

    await userEvent.click(screen.getByRole('button', { name: 'Repair' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Request repair' }),
    );

    expect(
      await within(screen.getByRole('dialog')).findByRole('alert'),
    ).toHaveTextContent('already pending');
  });
});
