import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  RegisteredApplication,
} from '@camunda-entra/plugin-camunda-entra-node';
import { deploymentEntity } from '../__testUtils__/entities';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import {
  sandboxSpec,
  startSandboxDirectory,
} from '../__testUtils__/sandboxDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { FleetStatusStore } from '../database/FleetStatusStore';
import { VerificationStore } from '../database/VerificationStore';
import { EntityStatusService } from '../status/EntityStatusService';
import { FleetStatusRefresher } from './FleetStatusRefresher';

jest.setTimeout(60_000);

const ENTITY_REF = 'component:default/camunda-payments';
const THRESHOLDS = { warningDays: 30, criticalDays: 7 };
const ALL = { all: true } as const;
const LIST = { sort: 'deployment', order: 'asc', limit: 50 } as const;

describe('FleetStatusRefresher against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let directory: DefaultEntraDirectory;
  let spec: DeploymentSpec;
  let registered: RegisteredApplication[];

  beforeAll(async () => {
    ({ sandbox, directory } = await startSandboxDirectory());
    spec = sandboxSpec(sandbox);
    registered = await directory.registerDeployment(spec, {
      secrets: 'never',
    });
    for (const [client, lifetimeDays] of [
      ['orchestration', 180],
      ['optimize', 3],
    ] as const) {
      const app = registered.find(a => a.client === client)!;
      await directory.addSecret(app.objectId, {
        displayName: `${client} secret`,
        lifetimeDays,
      });
    }
  });

  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.clearInjectedErrors();
    sandbox.admin.resetCounters();
  });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const store = await DatabaseRequestStore.create({ database });
    const fleet = await FleetStatusStore.create({ database });
    const registration = await recordProvisionedRequest(
      store,
      spec,
      registered,
      { entityRef: ENTITY_REF },
    );
    const refresher = FleetStatusRefresher.create({
      scheduler: mockServices.scheduler.mock(),
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
      store,
      directory,
      fleet,
      thresholds: THRESHOLDS,
      logger: mockServices.logger.mock(),
    });
    const listed = async () => (await fleet.list(LIST, ALL)).items;
    return { database, store, fleet, registration, refresher, listed };
  }

  it('records each registered deployment as the status endpoint computes it, from one batched read', async () => {
    const { database, store, refresher, listed } = await setup();

    await refresher.refreshAll();

    expect(sandbox.admin.counters().graphRequests).toBe(1);
    const status = await EntityStatusService.create({
      catalog: catalogServiceMock({
        entities: [
          deploymentEntity({
            deployment: spec.name,
            tenantId: sandbox.tenantId,
            clients: registered,
          }),
        ],
      }),
      permissions: mockServices.permissions(),
      directory,
      store,
      sink: new MemorySecretSink(),
      verifications: await VerificationStore.create({ database }),
      cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
        'camunda-entra',
      ),
      monitoring: { secretExpiry: THRESHOLDS, statusCacheTtlMs: 60_000 },
    }).getStatus(ENTITY_REF, mockCredentials.user());
    const optimize = status.components.find(c => c.client === 'optimize')!;
    expect(await listed()).toEqual([
      {
        tenantId: sandbox.tenantId.toLowerCase(),
        deployment: spec.name,
        entityRef: ENTITY_REF,
        owner: 'group:default/payments-team',
        chart: spec.chart,
        namespace: spec.namespace,
        health: status.health,
        driftCount: status.components.reduce((n, c) => n + c.drift.length, 0),
        nextExpiry: {
          client: 'optimize',
          endDateTime: new Date(optimize.secrets[0].endDateTime).toISOString(),
        },
        openRequests: 0,
        checkedAt: expect.any(String),
      },
    ]);
    expect(status.health).toBe('error');
  });

  it('lists a deployment it could not read as unknown, and a checked one keeps its last state when the next read fails', async () => {
    const { refresher, listed } = await setup();
    sandbox.admin.injectError({
      status: 500,
      count: 10,
      pathContains: '/applications',
    });

    await refresher.refreshAll();
    expect(await listed()).toMatchObject([{ health: 'unknown' }]);

    sandbox.admin.clearInjectedErrors();
    await refresher.refreshAll();
    const [checked] = await listed();
    expect(checked.health).toBe('error');

    sandbox.admin.injectError({
      status: 500,
      count: 10,
      pathContains: '/applications',
    });
    await refresher.refreshAll();
    expect(await listed()).toEqual([checked]);
  });

  it('checks the deployment of a settled request, whatever its kind, and never throws', async () => {
    const { refresher, listed, registration } = await setup();

    await refresher.refreshDeploymentOf({ ...registration, kind: 'rotate' });

    expect(await listed()).toMatchObject([{ health: 'error' }]);
    sandbox.admin.injectError({ status: 500, pathContains: '/applications' });
    await expect(
      refresher.refreshDeploymentOf(registration),
    ).resolves.toBeUndefined();
  });

  it('schedules itself as a global task with the configured schedule', async () => {
    const scheduler = mockServices.scheduler.mock();
    const { store, fleet } = await setup();

    await FleetStatusRefresher.create({
      scheduler,
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
      store,
      directory,
      fleet,
      thresholds: THRESHOLDS,
      logger: mockServices.logger.mock(),
    }).start();

    expect(scheduler.scheduleTask).toHaveBeenCalledWith({
      id: 'camunda-entra-fleet-status-refresh',
      scope: 'global',
      frequency: { minutes: 15 },
      timeout: { minutes: 5 },
      fn: expect.any(Function),
    });
  });
});
