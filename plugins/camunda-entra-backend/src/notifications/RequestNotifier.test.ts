import { mockServices } from '@backstage/backend-test-utils';
import {
  CamundaEntraRequest,
  CamundaEntraRequestFields,
} from '@camunda-entra/plugin-camunda-entra-common';
import { testSpec } from '../__testUtils__/requests';
import { RequestNotifier } from './RequestNotifier';

function request(
  overrides: Partial<CamundaEntraRequestFields>,
): CamundaEntraRequest {
  return {
    id: 'r1',
    kind: 'provision',
    state: 'pending',
    spec: testSpec(),
    plan: { applications: [], secretLifetimeDays: 180, secretDestination: '' },
    requester: 'user:default/dev',
    clients: {},
    createdAt: '2026-11-28T00:00:00Z',
    updatedAt: '2026-11-28T00:00:00Z',
    history: [],
    ...overrides,
  };
}

describe('RequestNotifier', () => {
  function setup() {
    const send = jest.fn(async () => {});
    const notifier = RequestNotifier.create({
      notifications: { send },
      approvers: ['group:default/platform-team'],
      logger: mockServices.logger.mock(),
    });
    return { notifier, send };
  }

  it('names a machine client by its label', async () => {
    const { notifier, send } = setup();
    await notifier.awaitingApproval(
      request({ kind: 'rotate', client: 'machine.payments-worker' }),
    );
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          title:
            'Rotation of the Machine client payments-worker secret of payments waits for your approval',
        }),
      }),
    );
  });

  it('names the client of a rotation when asking approvers', async () => {
    const { notifier, send } = setup();

    await notifier.awaitingApproval(
      request({ kind: 'rotate', client: 'optimize' }),
    );

    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/platform-team'],
      },
      payload: expect.objectContaining({
        title:
          'Rotation of the Optimize secret of payments waits for your approval',
        description: 'user:default/dev asks for a new Optimize client secret.',
        link: '/camunda-entra/requests/r1',
      }),
    });
  });

  it('asks approvers about a transfer naming both owners, and says who acts for a team they are not in', async () => {
    const { notifier, send } = setup();

    await notifier.awaitingApproval(
      request({
        kind: 'transfer',
        requester: 'user:default/pat',
        plan: {
          applications: [],
          secretLifetimeDays: 180,
          secretDestination: '',
          ownership: {
            owner: 'group:default/payments-team',
            transferTo: 'group:default/billing-team',
            note: 'user:default/pat is not a member of group:default/payments-team, which owns the deployment; asked as an approver',
          },
        },
      }),
    );

    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          title:
            'Transfer of payments to group:default/billing-team waits for your approval',
          description:
            'user:default/pat asks to move payments from group:default/payments-team to group:default/billing-team. Note: user:default/pat is not a member of group:default/payments-team, which owns the deployment; asked as an approver.',
        }),
      }),
    );
  });

  it('tells the requester that a rotation is done', async () => {
    const { notifier, send } = setup();

    await notifier.provisioned(
      request({ kind: 'rotate', client: 'optimize', state: 'provisioned' }),
    );

    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['user:default/dev'] },
        payload: expect.objectContaining({
          title: 'Rotation of the Optimize secret of payments is done',
        }),
      }),
    );
  });

  it('logs and swallows a notification that cannot be sent', async () => {
    const logger = mockServices.logger.mock();
    const notifier = RequestNotifier.create({
      notifications: {
        send: jest.fn(async () => {
          throw new Error('notifications backend down');
        }),
      },
      approvers: ['group:default/platform-team'],
      logger,
    });

    await expect(
      notifier.awaitingApproval(request({})),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend down'),
    );
  });

  it('tells the recorded owner and the requester about a failed sign-in verification: the first problems, a link to the tab', async () => {
    const { notifier, send } = setup();
    const problem = (client: string, entraError?: string) => ({
      client: client as 'optimize',
      check: 'secret' as const,
      message: 'its delivered secret obtains no token',
      ...(entraError && { entraError }),
    });

    await notifier.signInFailed(
      request({
        state: 'provisioned',
        entityRef: 'component:default/camunda-payments',
      }),
      {
        verifiedAt: '2026-12-07T01:00:00.000Z',
        passed: false,
        checks: 12,
        problems: [
          problem('optimize', 'AADSTS7000215'),
          problem('identity'),
          problem('machine.ci'),
          problem('connectors'),
          problem('orchestration'),
        ],
      },
      'group:default/payments-team',
    );

    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/payments-team', 'user:default/dev'],
      },
      payload: {
        title: 'Sign-in verification of payments found 5 problems',
        description:
          'Optimize: its delivered secret obtains no token (AADSTS7000215); Management Identity: its delivered secret obtains no token; Machine client ci: its delivered secret obtains no token; and 2 more',
        severity: 'high',
        link: '/catalog/default/component/camunda-payments/entra',
        topic: 'camunda-entra',
        scope: 'camunda-entra-verification:r1',
      },
    });
  });
});
