import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DeploymentSpec,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  ENTRA_SECRET_KEYS,
  EntraProvisioningDirectory,
} from '@camunda-entra/plugin-camunda-entra-node';
import { Knex } from 'knex';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import {
  sandboxSpec,
  startSandboxDirectory,
} from '../__testUtils__/sandboxDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { PLUGIN_ACTOR } from '../actors';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { RequestStore } from '../database/RequestStore';
import { planRotation } from './planRotation';
import { SecretRemovalStore } from '../database/SecretRemovalStore';
import { SecretRemovalWorker } from '../secrets/SecretRemovalWorker';
import { SecretRotator } from './SecretRotator';

jest.setTimeout(60_000);

const HOUR = 60 * 60 * 1000;
const GRACE = 24 * HOUR;
const ENTITY_REF = 'component:default/camunda-payments';
const LEASE_MS = 300;

describe('secret rotation against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let client: DefaultEntraDirectory;
  let directory: EntraProvisioningDirectory;
  let spec: DeploymentSpec;

  beforeAll(async () => {
    ({ sandbox, directory: client } = await startSandboxDirectory());
    directory = EntraProvisioningDirectory.create({
      directory: client,
      tenant: { id: sandbox.tenantId },
    });
    spec = sandboxSpec(sandbox);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  /** A provisioned deployment (Optimize with one secret, in the sink) and a rotation of Optimize in progress. */
  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const store = await DatabaseRequestStore.create({ database });
    const [optimize] = await client.registerDeployment(
      planEntraApplications(spec).filter(plan => plan.client === 'optimize'),
      { deployment: spec.name },
    );
    const original = await client.addSecret(optimize.objectId, {
      displayName: 'original',
      lifetimeDays: 10,
    });
    const sink = new MemorySecretSink();
    await sink.write(
      {
        requestId: 'provisioning',
        deployment: spec.name,
        namespace: spec.namespace,
        secretName: spec.secrets.entra,
      },
      {
        [ENTRA_SECRET_KEYS.optimize!]: original.secretText,
        [ENTRA_SECRET_KEYS.identity!]: 'identity-secret',
      },
    );
    await recordProvisionedRequest(store, spec, [optimize]);
    const rotation = await createRotation(store, sink, optimize.appId);
    return { knex, store, sink, optimize, original, rotation };
  }

  async function createRotation(
    store: RequestStore,
    sink: MemorySecretSink,
    appId: string,
  ) {
    const id = `rotation-${Math.random().toString(36).slice(2)}`;
    const plan = await planRotation({
      store,
      sink,
      entity: {
        entityRef: ENTITY_REF,
        deployment: spec.name,
        tenantId: sandbox.tenantId,
        cloud: 'global',
        clients: [{ client: 'optimize', appId }],
      },
      client: 'optimize',
      requestId: id,
    });
    await store.create({
      id,
      kind: 'rotate',
      spec: plan.spec,
      plan: plan.plan,
      requester: 'user:default/alice',
      entityRef: ENTITY_REF,
      client: 'optimize',
      events: [{ state: 'provisioning', actor: PLUGIN_ACTOR }],
    });
    await store.recordApplications(id, plan);
    return (await store.get(id))!;
  }

  function components(
    knex: Knex,
    store: RequestStore,
    sink: MemorySecretSink,
    now: () => number,
  ) {
    const database = mockServices.database({ knex });
    return {
      rotator: async () =>
        SecretRotator.create({
          directory,
          sink,
          store,
          removals: await SecretRemovalStore.create({ database }),
          gracePeriodMs: GRACE,
          now,
        }),
      /** A removal worker as a (re)started backend creates it. */
      worker: async () =>
        SecretRemovalWorker.create({
          scheduler: mockServices.scheduler.mock(),
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 5 } },
          removals: await SecretRemovalStore.create({ database }),
          instanceId: `instance-${Math.random()}`,
          lease: { leaseMs: LEASE_MS, leaseRenewalMs: LEASE_MS / 3 },
          directory,
          store,
          logger: mockServices.logger.mock(),
          now,
        }),
    };
  }

  const secretsOf = async (objectId: string) =>
    (await client.getApplication({ objectId }))!.passwordCredentials;

  it('adds a secret, updates only its key in the sink and removes the old secret after the grace period, across a restart', async () => {
    const { knex, store, sink, optimize, original, rotation } = await setup();
    let now = Date.now();
    const { rotator, worker } = components(knex, store, sink, () => now);

    const rotated = await (await rotator()).rotate(rotation);

    const newKeyId = rotated.secrets!.optimize.keyId;
    expect(rotated.state).toBe('provisioned');
    expect(
      (await secretsOf(optimize.objectId)).map(s => s.keyId).sort(),
    ).toEqual([original.keyId, newKeyId].sort());
    const written = sink.written.get(
      `${spec.namespace}/${spec.secrets.entra}`,
    )!;
    expect(written[ENTRA_SECRET_KEYS.identity!]).toBe('identity-secret');
    expect(written[ENTRA_SECRET_KEYS.optimize!]).not.toBe(original.secretText);
    expect(JSON.stringify(rotated)).not.toContain(
      written[ENTRA_SECRET_KEYS.optimize!],
    );
    expect(rotated.history.at(-1)?.comment).toBe(
      `Optimize client secret rotated; 1 earlier secrets are removed after ${new Date(
        now + GRACE,
      ).toISOString()}`,
    );

    now += GRACE - HOUR;
    await (await worker()).run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);

    // A restarted backend still knows what to remove.
    now += 2 * HOUR;
    await (await worker()).run();
    const remaining = await secretsOf(optimize.objectId);
    expect(remaining.map(s => s.keyId)).toEqual([newKeyId]);
    expect(Date.parse(remaining[0].endDateTime!)).toBeGreaterThan(now);
    expect((await store.get(rotation.id))!.history.at(-1)).toMatchObject({
      state: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment: `removed the replaced client secret ${original.keyId} after its grace period`,
    });

    await (await worker()).run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(1);
  });

  it('resumes an interrupted rotation without leaving an extra secret', async () => {
    const { knex, store, sink, optimize, rotation } = await setup();
    let now = Date.now();
    const { rotator, worker } = components(knex, store, sink, () => now);
    const killed = sink.hangWrites();
    // Never settles: the backend running it is gone.
    (await rotator()).rotate(rotation);
    await killed;
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);

    sink.beforeWrite = async () => {};
    const rotated = await (
      await rotator()
    ).rotate((await store.get(rotation.id))!);
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);

    now += GRACE + HOUR;
    await (await worker()).run();
    expect((await secretsOf(optimize.objectId)).map(s => s.keyId)).toEqual([
      rotated.secrets!.optimize.keyId,
    ]);
  });

  it('withdraws the new secret from Entra when the sink refuses it, and fails saying so', async () => {
    const { knex, store, sink, optimize, original, rotation } = await setup();
    const { rotator } = components(knex, store, sink, Date.now);
    const before = {
      ...sink.written.get(`${spec.namespace}/${spec.secrets.entra}`),
    };
    sink.beforeWrite = async () => {
      throw new ConflictError('Kubernetes Secret is managed by Helm');
    };

    const error = await (await rotator()).rotate(rotation).catch(e => e);

    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'The secret sink did not take the client secrets, so the 1 client secret this attempt added was withdrawn from Entra; a retry adds new ones; caused by ConflictError: Kubernetes Secret is managed by Helm',
    );
    expect((await secretsOf(optimize.objectId)).map(s => s.keyId)).toEqual([
      original.keyId,
    ]);
    expect(sink.written.get(`${spec.namespace}/${spec.secrets.entra}`)).toEqual(
      before,
    );

    sink.beforeWrite = async () => {};
    const rotated = await (
      await rotator()
    ).rotate((await store.get(rotation.id))!);
    expect(rotated.state).toBe('provisioned');
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);
  });

  it('counts a secret removed by hand meanwhile as removed', async () => {
    const { knex, store, sink, optimize, original, rotation } = await setup();
    let now = Date.now();
    const { rotator, worker } = components(knex, store, sink, () => now);
    await (await rotator()).rotate(rotation);
    await client.removeSecret(optimize.objectId, original.keyId);

    now += GRACE + HOUR;
    await (await worker()).run();

    expect((await store.get(rotation.id))!.history.at(-1)?.comment).toBe(
      `removed the replaced client secret ${original.keyId} after its grace period`,
    );
    expect(await secretsOf(optimize.objectId)).toHaveLength(1);
  });

  /** A rotation done whose replaced secret is due for removal. */
  async function rotatedAndDue() {
    const { knex, store, sink, optimize, rotation } = await setup();
    let now = Date.now();
    const { rotator, worker } = components(knex, store, sink, () => now);
    await (await rotator()).rotate(rotation);
    now += GRACE + HOUR;
    return { knex, optimize, worker, due: new Date(now) };
  }

  it('keeps a failed removal due and retries it on a run after its lease expired', async () => {
    const { optimize, worker } = await rotatedAndDue();
    sandbox.admin.injectError({ status: 500, pathContains: 'removePassword' });

    const restarted = await worker();
    await (await worker()).run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);

    // Still leased to the failed attempt: not tried again at once.
    await restarted.run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);

    await new Promise(resolve => setTimeout(resolve, LEASE_MS + 50));
    await restarted.run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(1);
  });

  it('never removes a secret that another instance holds the lease of', async () => {
    const { knex, optimize, worker, due } = await rotatedAndDue();
    const removals = await SecretRemovalStore.create({
      database: mockServices.database({ knex }),
    });
    const [held] = await removals.claimDue(
      due,
      { owner: 'other-instance', durationMs: 60_000 },
      5,
    );
    expect(held).toBeDefined();

    await (await worker()).run();
    expect(await secretsOf(optimize.objectId)).toHaveLength(2);
  });
});
