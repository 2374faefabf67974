import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  FakeDirectory,
  FULL_SPEC,
  TEST_TENANT_ID,
} from '../__testUtils__/FakeDirectory';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { provisioningInstance } from '../__testUtils__/provisioningInstance';
import { newRequest, testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { ProvisioningWorker } from './ProvisioningWorker';

const databases = createTestDatabases();
const LEASE_MS = 300;

/** Resolves once `check` holds, polling for at most five seconds. */
async function eventually(check: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 250 && !(await check()); i++) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  expect(await check()).toBe(true);
}

describe.each(databases.eachSupportedId())(
  'ProvisioningWorker on %s',
  databaseId => {
    let knex: Knex;
    let store: DatabaseRequestStore;
    const workers: ProvisioningWorker[] = [];

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      });
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map(worker => worker.stop()));
    });

    /** A worker as one backend instance runs it, with its own directory and sink doubles. */
    async function instance(directory: FakeDirectory, sink: MemorySecretSink) {
      const started = await provisioningInstance({
        knex,
        directory,
        sink,
        leaseMs: LEASE_MS,
      });
      workers.push(started.worker);
      return started;
    }

    async function approved(name: string) {
      const request = await store.create(
        newRequest({
          spec: testSpec({
            ...FULL_SPEC,
            name,
            namespace: `${name}-camunda`,
            tenant: { id: TEST_TENANT_ID },
          }),
          events: [{ state: 'approved', actor: 'user:default/pat' }],
          reserve: { owner: 'group:default/payments-team' },
        }),
      );
      return request.id;
    }

    const comments = async (id: string) =>
      (await store.get(id))!.history.map(event => event.comment);

    it('shares the requests between instances and provisions each once', async () => {
      const directory = new FakeDirectory();
      const sink = new MemorySecretSink();
      let inFlight = 0;
      let mostInFlight = 0;
      // The first write waits for a second one to begin (a serial worker would leave it
      // waiting out the timeout), so the overlap does not depend on the machine's speed.
      let overlapping: () => void = () => {};
      const overlap = new Promise<void>(resolve => (overlapping = resolve));
      sink.beforeWrite = async () => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        if (inFlight > 1) overlapping();
        await Promise.race([
          overlap,
          new Promise(resolve => setTimeout(resolve, 5_000)),
        ]);
        inFlight -= 1;
      };
      const ids = await Promise.all(
        Array.from({ length: 8 }, (_, i) => approved(`team${i}`)),
      );
      const a = await instance(directory, sink);
      const b = await instance(directory, sink);
      a.worker.start();
      b.worker.start();

      await eventually(
        async () => (await store.list({ state: 'provisioned' })).length === 8,
      );

      expect(mostInFlight).toBeGreaterThan(1);
      expect(mostInFlight).toBeLessThanOrEqual(4);
      for (const id of ids) {
        const history = await comments(id);
        expect(history.filter(c => c === 'provisioning started')).toHaveLength(
          1,
        );
        expect(history).not.toContain('resuming interrupted provisioning');
      }
      expect(directory.applications.size).toBe(8 * 6);
      expect(directory.secretTexts()).toHaveLength(8 * 4);
    });

    it('takes over the request of an instance that died once its lease expired, and the dead one cannot move it on', async () => {
      const id = await approved('payments');
      const hung = new MemorySecretSink();
      const reached = hung.hangWrites();
      const directory = new FakeDirectory();
      const dead = await instance(directory, hung);
      dead.worker.start();
      await reached;
      // Its call to the sink never returns, and nothing renews its lease any more.
      await dead.worker.stop();
      await new Promise(resolve => setTimeout(resolve, LEASE_MS));

      const sink = new MemorySecretSink();
      const survivor = await instance(directory, sink);
      await survivor.worker.runUntilIdle();

      const request = (await store.get(id))!;
      expect(request.state).toBe('provisioned');
      expect(await comments(id)).toContain('resuming interrupted provisioning');
      expect(directory.secretTexts().sort()).toEqual(
        Object.values(sink.written.get('payments-camunda/entra-credentials')!)
          .slice()
          .sort(),
      );
      await expect(
        store.transition(id, {
          from: ['provisioned'],
          to: 'failed',
          actor: 'test',
          leaseOwner: dead.instanceId,
        }),
      ).rejects.toThrow(/no longer leased to this instance/);
    });

    it('aborts the work of an instance whose lease was taken, before it touches any secret', async () => {
      const id = await approved('payments');
      const directory = new FakeDirectory();
      let stalled!: () => void;
      const registering = new Promise<void>(resolve => {
        stalled = resolve;
      });
      let release!: () => void;
      const resume = new Promise<void>(resolve => {
        release = resolve;
      });
      const slow = {
        ...directory,
        tenant: directory.tenant,
        registerDeployment: async (
          ...args: Parameters<FakeDirectory['registerDeployment']>
        ) => {
          stalled();
          await resume;
          return directory.registerDeployment(...args);
        },
        listSecrets: directory.listSecrets.bind(directory),
        addSecret: directory.addSecret.bind(directory),
        removeSecret: directory.removeSecret.bind(directory),
      } as unknown as FakeDirectory;
      const { worker } = await instance(slow, new MemorySecretSink());
      const running = worker.runUntilIdle();
      await registering;
      await knex('camunda_entra_requests')
        .where({ id })
        .update({
          lease_owner: 'another-instance',
          lease_expires_at: new Date(Date.now() + 60_000),
        });
      // Let the renewal notice the loss, then the stalled call return.
      await new Promise(resolve => setTimeout(resolve, LEASE_MS));
      release();
      await running;

      const request = (await store.get(id))!;
      expect(request.state).toBe('provisioning');
      expect(request.secrets).toBeUndefined();
      expect(request.clients).toEqual({});
      expect(directory.secretTexts()).toEqual([]);
    });

    it('releases the lease of work it stopped, so another instance resumes it at once', async () => {
      const id = await approved('payments');
      const directory = new FakeDirectory();
      const sink = new MemorySecretSink();
      let stopped!: Promise<void>;
      const first = await instance(directory, sink);
      directory.beforeOperation = operation => {
        if (operation === 'addSecret' && !stopped) {
          stopped = first.worker.stop();
        }
      };
      await first.worker.runUntilIdle();
      await stopped;
      expect((await store.get(id))!.state).toBe('provisioning');

      directory.beforeOperation = () => {};
      const second = await instance(directory, sink);
      await second.worker.runUntilIdle();
      expect((await store.get(id))!.state).toBe('provisioned');
      expect(directory.secretTexts()).toHaveLength(4);
    });

    it('has each provisioned request verified once it is provisioned, and no failed one', async () => {
      const provisioned = await approved('payments');
      const failing = await approved('billing');
      const sink = new MemorySecretSink();
      sink.refusedNamespaces.add('billing-camunda');
      const verified: Array<{ id: string; state: string }> = [];
      const { worker } = await provisioningInstance({
        knex,
        directory: new FakeDirectory(),
        sink,
        leaseMs: LEASE_MS,
        verifier: {
          verifyProvisioned: async request => {
            verified.push({ id: request.id, state: request.state });
          },
        },
      });
      workers.push(worker);

      await worker.runUntilIdle();

      expect((await store.get(failing))!.state).toBe('failed');
      expect(verified).toEqual([{ id: provisioned, state: 'provisioned' }]);
    });

    it('reports each request provisioned, after its verification, and no failed one', async () => {
      const provisioned = await approved('payments');
      await approved('billing');
      const sink = new MemorySecretSink();
      sink.refusedNamespaces.add('billing-camunda');
      const steps: string[] = [];
      const { worker } = await provisioningInstance({
        knex,
        directory: new FakeDirectory(),
        sink,
        leaseMs: LEASE_MS,
        verifier: {
          verifyProvisioned: async request => {
            steps.push(`verified ${request.id}`);
          },
        },
        onSettled: async request => {
          steps.push(`settled ${request.id} ${request.state}`);
        },
      });
      workers.push(worker);

      await worker.runUntilIdle();

      expect(steps).toEqual([
        `verified ${provisioned}`,
        `settled ${provisioned} provisioned`,
      ]);
    });
  },
);
