import { mockServices } from '@backstage/backend-test-utils';
import { validateDeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { FULL_SPEC, TEST_TENANT_ID } from '../__testUtils__/FakeDirectory';
import { PAYMENTS_WORKER } from '../__testUtils__/machineClients';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import {
  recordProvisionedRequest,
  storeSpecAsEarlierRelease,
} from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import { planRotation } from './planRotation';

const databases = createTestDatabases();
const spec = (
  validateDeploymentSpec({
    ...FULL_SPEC,
    tenant: { id: TEST_TENANT_ID },
  }) as { valid: true; spec: any }
).spec;
const OPTIMIZE = {
  client: 'optimize',
  appId: 'app-optimize',
  objectId: 'obj-optimize',
};
const CONSOLE = {
  client: 'console',
  appId: 'app-console',
  objectId: 'obj-console',
};

describe('planRotation', () => {
  async function plan(
    entity: Partial<DeploymentEntity> = {},
    client = 'optimize',
    recorded = true,
    registration = { spec, applications: [OPTIMIZE, CONSOLE] },
    /** The JSON an earlier release stored the registration's spec as. */
    storedSpec?: Record<string, unknown>,
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    if (recorded) {
      const { id } = await recordProvisionedRequest(
        store,
        registration.spec,
        registration.applications,
      );
      if (storedSpec) {
        await storeSpecAsEarlierRelease(knex, id, storedSpec);
      }
    }
    return planRotation({
      store,
      sink: new MemorySecretSink(),
      entity: {
        entityRef: 'component:default/camunda-payments',
        deployment: 'payments',
        tenantId: TEST_TENANT_ID,
        cloud: 'global',
        clients: [OPTIMIZE, CONSOLE],
        ...entity,
      },
      client,
      requestId: 'r2',
    });
  }

  it('narrows the registration to the client, with this request’s destination', async () => {
    const rotation = await plan();

    expect(rotation.spec.name).toBe('payments');
    expect(rotation.plan.applications.map(app => app.client)).toEqual([
      'optimize',
    ]);
    expect(rotation.plan.secretDestination).toBe(
      'memory payments-camunda/entra-credentials',
    );
    expect(rotation).toMatchObject({
      clients: { optimize: 'app-optimize' },
      objectIds: { optimize: 'obj-optimize' },
    });
  });

  it("rotates a machine client's secret like a component's", async () => {
    const worker = {
      client: 'machine.payments-worker',
      appId: 'app-worker',
      objectId: 'obj-worker',
    };
    const withWorker = (
      validateDeploymentSpec({
        ...spec,
        machineClients: [PAYMENTS_WORKER],
      }) as { valid: true; spec: any }
    ).spec;

    const rotation = await plan(
      { clients: [OPTIMIZE, CONSOLE, worker] },
      worker.client,
      true,
      { spec: withWorker, applications: [OPTIMIZE, CONSOLE, worker] },
    );

    expect(rotation.plan.applications).toEqual([
      expect.objectContaining({
        client: 'machine.payments-worker',
        uniqueName: 'camunda-payments-machine-payments-worker',
        secret: true,
      }),
    ]);
    expect(rotation).toMatchObject({
      clients: { 'machine.payments-worker': 'app-worker' },
      objectIds: { 'machine.payments-worker': 'obj-worker' },
    });
  });

  it('refuses clients the entity does not have and public clients', async () => {
    await expect(plan({}, 'identity')).rejects.toMatchObject({
      name: 'InputError',
      message:
        'component:default/camunda-payments has no Entra client identity',
    });
    await expect(plan({}, 'console')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^console is a public client/),
    });
  });

  it('needs a registration recorded here, of the application the entity names', async () => {
    await expect(plan({}, 'optimize', false)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^No registration of the deployment payments/,
      ),
    });
    await expect(
      plan({ clients: [{ client: 'optimize', appId: 'someone-elses' }] }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        "The entity's client ID someone-elses for optimize is not part of this deployment: the portal registered app-optimize for it",
    });
  });

  it('refuses a registration whose stored spec no longer validates, naming its problems', async () => {
    // As an earlier release stored it, with a field this one no longer knows.
    await expect(
      plan({}, 'optimize', true, undefined, { ...spec, preview: true }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^The spec stored with request [-0-9a-f]+ is no longer valid \(preview: is not a known field\)/,
      ),
    });
  });
});
