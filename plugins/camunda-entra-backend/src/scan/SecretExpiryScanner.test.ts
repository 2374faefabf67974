import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DefaultEntraDirectory,
  RegisteredApplication,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { editInSandbox } from '../__testUtils__/editInSandbox';
import { deploymentEntity } from '../__testUtils__/entities';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import {
  sandboxSpec,
  startSandboxDirectory,
} from '../__testUtils__/sandboxDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { ExpiryNotificationLedger } from '../database/ExpiryNotificationLedger';
import { SecretExpiryScanner } from './SecretExpiryScanner';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;

describe('SecretExpiryScanner against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let directory: DefaultEntraDirectory;
  const deployments: Record<string, RegisteredApplication[]> = {};
  /** Just after the secrets were added. */
  let t0: number;

  beforeAll(async () => {
    // Four applications per page: the 18 applications take five pages.
    ({ sandbox, directory } = await startSandboxDirectory({
      maxPageSize: 4,
    }));
    for (const name of ['payments', 'orders', 'legacy']) {
      deployments[name] = await directory.registerDeployment(
        sandboxSpec(sandbox, name),
        { secrets: 'never' },
      );
    }
    const addSecret = (name: string, client: string, lifetimeDays: number) =>
      directory.addSecret(
        deployments[name].find(app => app.client === client)!.objectId,
        { displayName: `${name} ${client}`, lifetimeDays },
      );
    await addSecret('payments', 'optimize', 180);
    await addSecret('orders', 'identity', 20);
    // No catalog entity: nobody to notify.
    await addSecret('legacy', 'orchestration', 3);
    t0 = Date.now();
  });

  afterAll(() => sandbox.stop());

  const catalog = (more: Entity[] = []) =>
    catalogServiceMock({
      entities: [
        ...more,
        // Whoever registers an entity writes its owner: the recorded owner is notified.
        deploymentEntity({
          deployment: 'payments',
          tenantId: sandbox.tenantId,
          clients: deployments.payments,
          owner: 'group:default/intruders',
        }),
        deploymentEntity({
          deployment: 'orders',
          tenantId: sandbox.tenantId,
          clients: deployments.orders,
          owner: 'orders-team',
        }),
      ],
    });

  /** A database where payments and orders were provisioned, with their recorded owners. */
  async function database(): Promise<Knex> {
    const knex = await databases.init('SQLITE_3');
    // Applies the plugin's migrations, the ledger's table among them.
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    await recordProvisionedRequest(
      store,
      sandboxSpec(sandbox, 'payments'),
      deployments.payments,
      { owner: 'group:default/payments-team' },
    );
    await recordProvisionedRequest(
      store,
      sandboxSpec(sandbox, 'orders'),
      deployments.orders,
      { owner: 'group:default/orders-team' },
    );
    return knex;
  }

  /** A scanner as a backend (re)start creates it, over the given database. */
  async function scanner(
    knex: Knex,
    now: () => number,
    send: jest.Mock = jest.fn(async () => {}),
    entities: Entity[] = [],
  ) {
    const instance = SecretExpiryScanner.create({
      scheduler: mockServices.scheduler.mock(),
      schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
      directory,
      catalog: catalog(entities),
      auth: mockServices.auth(),
      notifications: { send },
      store: await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      }),
      sink: new MemorySecretSink(),
      ledger: await ExpiryNotificationLedger.create({
        database: mockServices.database({ knex }),
      }),
      thresholds: { warningDays: 30, criticalDays: 7 },
      logger: mockServices.logger.mock(),
      now,
    });
    return { instance, send };
  }

  const sentTo = (send: jest.Mock) =>
    send.mock.calls.map(([options]: [NotificationSendOptions]) => [
      options.recipients.type === 'entity' && options.recipients.entityRef,
      options.payload.title,
    ]);

  it('notifies each owner once per secret and threshold, across runs and a restart', async () => {
    const knex = await database();
    const orders = sandboxSpec(sandbox, 'orders');
    let now = t0;
    const first = await scanner(knex, () => now);

    await first.instance.run();
    await first.instance.run();
    const restarted = await scanner(knex, () => now);
    await restarted.instance.run();

    expect(sentTo(first.send)).toEqual([
      [
        'group:default/orders-team',
        'Client secret of Camunda orders Management Identity expires in 19 days',
      ],
    ]);
    expect(first.send.mock.calls[0][0].payload).toMatchObject({
      link: '/catalog/default/component/camunda-orders',
      severity: 'normal',
      topic: 'camunda-entra',
      scope: expect.stringMatching(/^camunda-entra-secret:/),
      description: expect.stringMatching(
        /^The client secret "orders identity", hint .{3}, key ID [0-9a-f-]{36} of the Entra application Camunda orders Management Identity/,
      ),
    });
    expect(first.send.mock.calls[0][0].payload.description).toContain(
      `The portal delivered it to key identity-client-secret of memory ${orders.namespace}/${orders.secrets.entra}.`,
    );
    expect(restarted.send).not.toHaveBeenCalled();

    now = t0 + 161 * DAY;
    await restarted.instance.run();
    await restarted.instance.run();
    now = t0 + 175 * DAY;
    await restarted.instance.run();
    await restarted.instance.run();

    expect(sentTo(restarted.send)).toEqual([
      [
        'group:default/payments-team',
        'Client secret of Camunda payments Optimize expires in 18 days',
      ],
      [
        'group:default/orders-team',
        'Client secret of Camunda orders Management Identity has expired',
      ],
      [
        'group:default/payments-team',
        'Client secret of Camunda payments Optimize expires in 4 days',
      ],
    ]);
    expect(
      restarted.send.mock.calls.map(([options]) => options.payload.severity),
    ).toEqual(['normal', 'critical', 'high']);
  });

  it('lists the applications in pages', async () => {
    const knex = await database();
    const { instance } = await scanner(knex, () => t0);
    sandbox.admin.resetCounters();

    await instance.run();

    expect(sandbox.admin.counters().graphRequests).toBe(5);
  });

  it('notifies a secret first seen past several thresholds once, for the latest', async () => {
    const knex = await database();
    const { instance, send } = await scanner(knex, () => t0 + 200 * DAY);

    await instance.run();
    await instance.run();

    expect(sentTo(send)).toEqual([
      [
        'group:default/payments-team',
        'Client secret of Camunda payments Optimize has expired',
      ],
      [
        'group:default/orders-team',
        'Client secret of Camunda orders Management Identity has expired',
      ],
    ]);
  });

  it('tries again on the next run when a notification could not be sent', async () => {
    const knex = await database();
    const send = jest
      .fn()
      .mockRejectedValueOnce(new Error('notifications backend down'))
      .mockResolvedValue(undefined);
    const { instance } = await scanner(knex, () => t0, send);

    await instance.run();
    await instance.run();
    await instance.run();

    expect(sentTo(send)).toEqual([
      [
        'group:default/orders-team',
        'Client secret of Camunda orders Management Identity expires in 19 days',
      ],
      [
        'group:default/orders-team',
        'Client secret of Camunda orders Management Identity expires in 19 days',
      ],
    ]);
  });

  it('schedules itself as a global task with the configured schedule', async () => {
    const knex = await database();
    const scheduler = mockServices.scheduler.mock();
    const instance = SecretExpiryScanner.create({
      scheduler,
      schedule: { frequency: { hours: 6 }, timeout: { minutes: 5 } },
      directory,
      catalog: catalog(),
      auth: mockServices.auth(),
      notifications: { send: jest.fn() },
      store: await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      }),
      sink: new MemorySecretSink(),
      ledger: await ExpiryNotificationLedger.create({
        database: mockServices.database({ knex }),
      }),
      thresholds: { warningDays: 30, criticalDays: 7 },
      logger: mockServices.logger.mock(),
    });

    await instance.start();

    expect(scheduler.scheduleTask).toHaveBeenCalledWith({
      id: 'camunda-entra-secret-expiry-scan',
      scope: 'global',
      frequency: { hours: 6 },
      timeout: { minutes: 5 },
      fn: expect.any(Function),
    });
  });
  it('notifies the owner of an adopted deployment, whose applications carry no tag, found by their recorded client IDs', async () => {
    const knex = await database();
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    const created = await editInSandbox(sandbox, 'POST', '/applications', {
      displayName: 'Orchestration Cluster',
    });
    const addPassword = () =>
      editInSandbox(
        sandbox,
        'POST',
        `/applications/${created.id}/addPassword`,
        {
          passwordCredential: {
            displayName: 'made in the admin center',
            endDateTime: new Date(t0 + 10 * DAY).toISOString(),
          },
        },
      );
    // Until it has replicated, the new application answers 404.
    for (let attempt = 0; ; attempt++) {
      try {
        await addPassword();
        break;
      } catch (error) {
        if (attempt > 100) throw error;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    }
    const handMade = [
      {
        client: 'orchestration',
        appId: created.appId as string,
        objectId: created.id as string,
      },
    ];
    await recordProvisionedRequest(
      store,
      sandboxSpec(sandbox, 'handmade'),
      handMade,
      { kind: 'adopt', owner: 'group:default/handmade-team' },
    );
    const { instance, send } = await scanner(knex, () => t0, undefined, [
      deploymentEntity({
        deployment: 'handmade',
        tenantId: sandbox.tenantId,
        clients: handMade,
        owner: 'group:default/handmade-team',
      }),
    ]);

    await instance.run();

    expect(sentTo(send)).toContainEqual([
      'group:default/handmade-team',
      'Client secret of Orchestration Cluster expires in 10 days',
    ]);
  });
});
