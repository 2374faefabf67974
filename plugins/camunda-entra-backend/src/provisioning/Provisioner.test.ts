import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import {
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import {
  FakeDirectory,
  FULL_SPEC,
  TEST_TENANT_ID,
} from '../__testUtils__/FakeDirectory';
import { PAYMENTS_WORKER } from '../__testUtils__/machineClients';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { SecretRemovalStore } from '../database/SecretRemovalStore';
import { secretDisplayName } from '../secrets/deliverRequestSecrets';
import { Provisioner } from './Provisioner';

const databases = createTestDatabases();
const spec = { ...FULL_SPEC, tenant: { id: TEST_TENANT_ID } };

describe('Provisioner', () => {
  async function setup(
    options: { entityRef?: string; spec?: Record<string, unknown> } = {},
  ) {
    const database = mockServices.database({
      knex: await databases.init('SQLITE_3'),
    });
    const store = await DatabaseRequestStore.create({ database });
    const directory = new FakeDirectory();
    const sink = new MemorySecretSink();
    const provisioner = Provisioner.create({
      directory,
      sink,
      store,
      removals: await SecretRemovalStore.create({ database }),
      gracePeriodMs: 0,
    });
    const created = await store.create({
      id: randomUUID(),
      kind: 'provision',
      spec: testSpec(options.spec ?? spec),
      plan: {
        applications: [],
        secretLifetimeDays: 180,
        secretDestination: 'memory',
      },
      requester: 'user:default/alice',
      entityRef: options.entityRef,
      events: [{ state: 'provisioning', actor: 'test' }],
      reserve: { owner: 'group:default/payments-team' },
    });
    return { store, directory, sink, provisioner, id: created.id };
  }

  /** Every secret Entra holds is in the sink, and nothing else is. */
  function expectOnlyDeliveredSecretsValid(
    sink: MemorySecretSink,
    directory: FakeDirectory,
  ) {
    expect(
      Object.values(
        sink.written.get('payments-camunda/entra-credentials')!,
      ).sort(),
    ).toEqual(directory.secretTexts().sort());
  }

  const validSpec = (validateDeploymentSpec(spec) as { valid: true; spec: any })
    .spec;
  const confidentialClients = planEntraApplications(validSpec).filter(
    app => app.needsSecret,
  );

  /** Polls: records are written one after another while registration goes on. */
  async function eventually(check: () => Promise<boolean>) {
    for (let i = 0; i < 100 && !(await check()); i++) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(await check()).toBe(true);
  }

  it('registers every application, delivers one secret per confidential client and records only key IDs', async () => {
    const { store, directory, sink, provisioner, id } = await setup();

    const result = await provisioner.provision((await store.get(id))!);

    expect(result.state).toBe('provisioned');
    expect(directory.applications.size).toBe(6);
    expect(Object.keys(result.clients).sort()).toEqual(
      [
        'console',
        'identity',
        'optimize',
        'orchestration',
        'webModelerApi',
        'webModelerUi',
      ].sort(),
    );
    expect(sink.written.get('payments-camunda/entra-credentials')).toEqual({
      'identity-client-secret': expect.any(String),
      'orchestration-cluster-client-secret': expect.any(String),
      'optimize-client-secret': expect.any(String),
      'webmodeler-api-client-secret': expect.any(String),
    });
    expect(Object.keys(result.secrets!).sort()).toEqual(
      confidentialClients.map(app => app.client).sort(),
    );
    const stored = JSON.stringify(await store.get(id));
    for (const text of directory.secretTexts()) {
      expect(stored).not.toContain(text);
    }
    expect(result.history.map(event => event.comment)).toEqual(
      expect.arrayContaining([
        'registering Optimize',
        expect.stringMatching(/^registered Optimize \(client ID /),
        'delivered 4 client secrets to memory payments-camunda/entra-credentials',
      ]),
    );
  });

  it('registers machine clients and delivers their secrets under machine-<name>-client-secret', async () => {
    const { store, sink, provisioner, id } = await setup({
      spec: {
        ...spec,
        machineClients: [PAYMENTS_WORKER],
      },
    });

    const result = await provisioner.provision((await store.get(id))!);

    expect(result.clients['machine.payments-worker']).toEqual(
      expect.any(String),
    );
    expect(Object.keys(result.secrets!)).toContain('machine.payments-worker');
    expect(
      Object.keys(sink.written.get('payments-camunda/entra-credentials')!),
    ).toContain('machine-payments-worker-client-secret');
    expect(result.history.map(event => event.comment)).toContain(
      'registering Machine client payments-worker',
    );
  });

  it('after a crash between adding secrets and writing the sink, a second run leaves exactly one secret per application, the delivered one', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    const killed = sink.hangWrites();
    // Never settles: the backend running it is gone.
    provisioner.provision((await store.get(id))!);
    await killed;
    const appIdsBefore = (await store.get(id))!.clients;
    expect(directory.secretTexts()).toHaveLength(4);

    sink.beforeWrite = async () => {};
    const result = await provisioner.provision((await store.get(id))!);

    expect(result.state).toBe('provisioned');
    expect(result.clients).toEqual(appIdsBefore);
    expect(directory.applications.size).toBe(6);
    for (const app of directory.applications.values()) {
      const needsSecret = confidentialClients.some(
        c => c.uniqueName === app.uniqueName,
      );
      expect(app.secrets).toHaveLength(needsSecret ? 1 : 0);
      expect(app.secrets.map(s => s.displayName)).toEqual(
        needsSecret ? [secretDisplayName(id)] : [],
      );
    }
    expectOnlyDeliveredSecretsValid(sink, directory);
  });

  it('records each application as soon as it is registered, so a crash while another registers leaves the finished ones recorded', async () => {
    const { store, directory, provisioner, id } = await setup();
    let reachedConsole!: () => void;
    const consoleRegistering = new Promise<void>(resolve => {
      reachedConsole = resolve;
    });
    directory.beforeOperation = async (operation, client) => {
      if (operation === 'registerApplication' && client === 'console') {
        reachedConsole();
        // Never settles: the backend running it is gone.
        await new Promise(() => {});
      }
    };
    provisioner.provision((await store.get(id))!);
    await consoleRegistering;

    const others = [...directory.applications.values()];
    expect(others).toHaveLength(5);
    await eventually(
      async () => Object.keys((await store.get(id))!.clients).length === 5,
    );
    const left = (await store.get(id))!;
    expect(left.clients).toEqual(
      Object.fromEntries(
        planEntraApplications(validSpec)
          .filter(plan => plan.client !== 'console')
          .map(plan => [
            plan.client,
            directory.applications.get(plan.uniqueName)!.appId,
          ]),
      ),
    );
    expect(Object.values(left.objectIds).sort()).toEqual(
      others.map(app => app.objectId).sort(),
    );
    expect(left.history.map(event => event.comment)).toContain(
      `registered Optimize (client ID ${left.clients.optimize})`,
    );

    directory.beforeOperation = () => {};
    const result = await provisioner.provision(left);
    expect(result.state).toBe('provisioned');
    expect(Object.keys(result.clients)).toHaveLength(6);
    expect(result.clients.optimize).toBe(left.clients.optimize);
  });

  it('records the applications that registered before failing for one that did not', async () => {
    const { store, directory, provisioner, id } = await setup();
    directory.beforeOperation = async (operation, client) => {
      if (operation === 'registerApplication' && client === 'optimize') {
        throw new Error('Graph answered 500 for Optimize');
      }
    };

    await expect(provisioner.provision((await store.get(id))!)).rejects.toThrow(
      'Graph answered 500 for Optimize',
    );

    const left = (await store.get(id))!;
    expect(Object.keys(left.clients).sort()).toEqual([
      'console',
      'identity',
      'orchestration',
      'webModelerApi',
      'webModelerUi',
    ]);
    expect(directory.secretTexts()).toEqual([]);
  });

  it('after a crash between writing the sink and recording it, replaces the secrets and the sink together', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    const recordSecrets = jest
      .spyOn(store, 'recordSecrets')
      .mockRejectedValueOnce(new Error('database gone'));
    await expect(provisioner.provision((await store.get(id))!)).rejects.toThrow(
      'database gone',
    );
    const firstDelivery = {
      ...sink.written.get('payments-camunda/entra-credentials'),
    };

    const result = await provisioner.provision((await store.get(id))!);

    expect(recordSecrets).toHaveBeenCalledTimes(2);
    expect(result.state).toBe('provisioned');
    expect(directory.secretTexts()).toHaveLength(4);
    const delivered = sink.written.get('payments-camunda/entra-credentials')!;
    expect(Object.values(delivered).sort()).toEqual(
      directory.secretTexts().sort(),
    );
    expect(Object.values(delivered)).not.toContain(
      firstDelivery['optimize-client-secret'],
    );
  });

  it('does not touch secrets again once their delivery is recorded', async () => {
    const { store, directory, provisioner, id } = await setup();
    await provisioner.provision((await store.get(id))!);
    const texts = directory.secretTexts();
    await store.transition(id, {
      from: ['provisioned'],
      to: 'provisioning',
      actor: 'test',
    });

    await provisioner.provision((await store.get(id))!);

    expect(directory.secretTexts()).toEqual(texts);
  });

  const helmOwned = new ConflictError(
    'Kubernetes Secret payments-camunda/entra-credentials already exists and is managed by Helm',
  );

  it('withdraws the secrets it added from Entra when the sink refuses them, and fails saying so', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    sink.beforeWrite = async () => {
      throw helmOwned;
    };

    const error = await provisioner
      .provision((await store.get(id))!)
      .catch(e => e);

    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'The secret sink did not take the client secrets, so the 4 client secrets this attempt added were withdrawn from Entra; a retry adds new ones; caused by ConflictError: Kubernetes Secret payments-camunda/entra-credentials already exists and is managed by Helm',
    );
    expect(directory.applications.size).toBe(6);
    expect(directory.secretTexts()).toEqual([]);
    expect(sink.written.size).toBe(0);
    expect((await store.get(id))!.secrets).toBeUndefined();

    sink.beforeWrite = async () => {};
    const result = await provisioner.provision((await store.get(id))!);

    expect(result.state).toBe('provisioned');
    expectOnlyDeliveredSecretsValid(sink, directory);
  });

  it('says which secrets could not be withdrawn, and a retry removes them', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    sink.beforeWrite = async () => {
      throw helmOwned;
    };
    jest
      .spyOn(directory, 'removeSecret')
      .mockRejectedValueOnce(new Error('Graph unavailable'));

    await expect(provisioner.provision((await store.get(id))!)).rejects.toThrow(
      'The secret sink did not take the client secrets, so 1 of the 4 client secrets this attempt added could not be withdrawn from Entra (Graph unavailable); a retry removes them; caused by ConflictError',
    );
    expect(directory.secretTexts()).toHaveLength(1);

    sink.beforeWrite = async () => {};
    await provisioner.provision((await store.get(id))!);

    expect(directory.secretTexts()).toHaveLength(4);
    expectOnlyDeliveredSecretsValid(sink, directory);
  });

  it('keeps the secrets when the sink may have stored them, and a retry replaces them', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    sink.beforeWrite = async () => {
      throw new Error('socket hang up');
    };

    await expect(provisioner.provision((await store.get(id))!)).rejects.toThrow(
      'The secret sink failed and may or may not hold the 4 client secrets this attempt added, so they stay valid in Entra until a retry replaces them; caused by Error: socket hang up',
    );
    const kept = directory.secretTexts();
    expect(kept).toHaveLength(4);

    sink.beforeWrite = async () => {};
    await provisioner.provision((await store.get(id))!);

    expect(directory.secretTexts()).toHaveLength(4);
    expect(directory.secretTexts()).not.toEqual(expect.arrayContaining(kept));
    expectOnlyDeliveredSecretsValid(sink, directory);
  });

  it('adds no secret for a target the sink refuses', async () => {
    const { store, directory, sink, provisioner, id } = await setup();
    sink.refusedNamespaces.add('payments-camunda');

    await expect(provisioner.provision((await store.get(id))!)).rejects.toThrow(
      InputError,
    );

    expect(directory.applications.size).toBe(6);
    expect(directory.secretTexts()).toEqual([]);
  });

  it('refuses a request made before another entity provisioned the same name, touching nothing', async () => {
    const { store, directory, sink, provisioner, id } = await setup({
      entityRef: 'component:default/camunda-payments',
    });
    await provisioner.provision((await store.get(id))!);
    // Stored without reservation: the service refuses such a request when it is made.
    const late = await store.create({
      id: randomUUID(),
      kind: 'provision',
      spec: testSpec({ ...spec, namespace: 'intruders' }),
      plan: {
        applications: [],
        secretLifetimeDays: 180,
        secretDestination: 'memory',
      },
      requester: 'user:default/mallory',
      entityRef: 'component:default/intruder',
      events: [{ state: 'provisioning', actor: 'test' }],
    });
    const before = directory.secretTexts();

    await expect(provisioner.provision(late)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'registered in this tenant for component:default/camunda-payments in namespace payments-camunda',
      ),
    });
    expect(directory.secretTexts()).toEqual(before);
    expect(sink.written.has('intruders/entra-credentials')).toBe(false);
  });

  it('registers nothing for a request that holds no reservation of a new name', async () => {
    const { store, directory, provisioner } = await setup();
    const unreserved = await store.create({
      id: randomUUID(),
      kind: 'provision',
      spec: testSpec({ ...spec, name: 'orders' }),
      plan: {
        applications: [],
        secretLifetimeDays: 180,
        secretDestination: 'memory',
      },
      requester: 'user:default/mallory',
      events: [{ state: 'provisioning', actor: 'test' }],
    });

    await expect(provisioner.provision(unreserved)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('holds no reservation'),
    });
    expect(directory.applications.size).toBe(0);
  });

  it('stops before touching secrets when aborted', async () => {
    const { store, directory, provisioner, id } = await setup();
    const controller = new AbortController();
    directory.beforeOperation = operation => {
      if (operation === 'registerApplication') controller.abort();
    };

    await expect(
      provisioner.provision((await store.get(id))!, {
        signal: controller.signal,
      }),
    ).rejects.toThrow();

    expect(directory.secretTexts()).toEqual([]);
    expect((await store.get(id))!.state).toBe('provisioning');
  });
});
