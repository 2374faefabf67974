import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultEntraDirectory,
  ENTRA_SECRET_KEYS,
  EntraProvisioningDirectory,
  ProvisioningDirectory,
  SecretSink,
} from '@camunda-entra/plugin-camunda-entra-node';
import { mkdtemp, rm } from 'fs/promises';
import knexFactory from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import { expectProvisionedOnce } from './__testUtils__/provisionedOnce';
import { provisioningInstance } from './__testUtils__/provisioningInstance';
import { newRequest, testSpec } from './__testUtils__/requests';
import { startSandboxDirectory } from './__testUtils__/sandboxDirectory';
import { DatabaseRequestStore } from './database/DatabaseRequestStore';
import { NewRequest, StoredRequest } from './database/RequestStore';
import { secretDisplayName } from './secrets/deliverRequestSecrets';

const TRIALS = 20;
const BUDGET_MS = 100_000;
const LEASE_MS = 300;

jest.setTimeout(BUDGET_MS + 20_000);

/** Counts the steps of an instance; from step `dieAt` on, none returns: the process is gone. */
class Mortality {
  steps = 0;
  private reachedDeath!: () => void;
  readonly dead = new Promise<void>(resolve => {
    this.reachedDeath = resolve;
  });

  constructor(readonly dieAt: number) {}

  get died(): boolean {
    return this.steps >= this.dieAt;
  }

  async step(): Promise<void> {
    this.steps += 1;
    if (this.steps >= this.dieAt) {
      this.reachedDeath();
      await new Promise(() => {});
    }
  }

  /** Wraps `fn` so that the instance may die before it is called and before it returns. */
  around<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      await this.step();
      const result = await fn(...args);
      await this.step();
      return result;
    };
  }
}

function mortalDirectory(
  directory: ProvisioningDirectory,
  mortality: Mortality,
): ProvisioningDirectory {
  return {
    tenant: directory.tenant,
    registerDeployment: mortality.around(
      directory.registerDeployment.bind(directory),
    ),
    listSecrets: mortality.around(directory.listSecrets.bind(directory)),
    addSecret: mortality.around(directory.addSecret.bind(directory)),
    removeSecret: mortality.around(directory.removeSecret.bind(directory)),
    removeApplication: mortality.around(
      directory.removeApplication.bind(directory),
    ),
    getApplicationsByAppId: directory.getApplicationsByAppId.bind(directory),
    listApplications: directory.listApplications.bind(directory),
    findApplicationsByDisplayName:
      directory.findApplicationsByDisplayName.bind(directory),
  };
}

function mortalSink(sink: SecretSink, mortality: Mortality): SecretSink {
  return {
    describe: sink.describe.bind(sink),
    checkTarget: sink.checkTarget.bind(sink),
    locate: sink.locate.bind(sink),
    read: sink.read.bind(sink),
    write: mortality.around(sink.write.bind(sink)),
    update: mortality.around(sink.update.bind(sink)),
  };
}

/** Deterministic, so that a failing trial can be run again. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * One backend on a SQLite file that dies at a random step of provisioning, and again of a
 * rotation (a directory or sink call that never returns; its timers stopped, its lease never
 * released), then each time a new backend on the same file, which must finish the request with
 * the invariants of a single run.
 */
describe('provisioning restarted at random steps on SQLite', () => {
  let sandbox: EntraSandbox;
  let client: DefaultEntraDirectory;
  let folder: string;
  let entra: EntraProvisioningDirectory;

  beforeAll(async () => {
    ({ sandbox, directory: client } = await startSandboxDirectory());
    entra = EntraProvisioningDirectory.create({
      directory: client,
      tenant: { id: sandbox.tenantId },
    });
    folder = await mkdtemp(path.join(tmpdir(), 'camunda-restarts-'));
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const open = (filename: string) =>
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });

  /** A backend on the file. */
  async function instance(
    filename: string,
    directory: ProvisioningDirectory,
    sink: SecretSink,
  ) {
    const knex = open(filename);
    const started = await provisioningInstance({
      knex,
      directory,
      sink,
      leaseMs: LEASE_MS,
    });
    return { ...started, knex };
  }

  /**
   * Works on the approved request `id` with a backend that dies at step `dieAt` (when provisioning
   * reaches it), then with a new backend on the same file; returns the request as left.
   */
  async function dieAndResume(
    filename: string,
    sink: MemorySecretSink,
    dieAt: number,
    id: string,
  ) {
    const mortality = new Mortality(dieAt);
    const first = await instance(
      filename,
      mortalDirectory(entra, mortality),
      mortalSink(sink, mortality),
    );
    await Promise.race([first.worker.runUntilIdle(), mortality.dead]);
    await first.worker.stop();

    const second = await instance(filename, entra, sink);
    await new Promise(resolve => setTimeout(resolve, LEASE_MS + 20));
    await second.worker.runUntilIdle();
    const request = (await second.store.get(id))!;
    await Promise.all([first.knex.destroy(), second.knex.destroy()]);
    expect({ dieAt, state: request.state }).toEqual({
      dieAt,
      state: 'provisioned',
    });
    return { request, died: mortality.died };
  }

  /** Stores an approved request on the file (migrating it first). */
  async function approve(filename: string, request: NewRequest) {
    const knex = open(filename);
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    await store.create(request);
    return { store, close: () => knex.destroy() };
  }

  it(`provisions and rotates with the invariants of a single run in ${TRIALS} trials`, async () => {
    const random = seededRandom(20261201);
    const started = Date.now();
    let died = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      expect({ trial, ms: Date.now() - started < BUDGET_MS }).toEqual({
        trial,
        ms: true,
      });
      sandbox.admin.resetDirectory();
      const filename = path.join(folder, `trial-${trial}.sqlite`);
      const sink = new MemorySecretSink();
      const name = `trial${trial}`;
      const spec = testSpec({
        ...FULL_SPEC,
        name,
        namespace: `${name}-ns`,
        tenant: { id: sandbox.tenantId },
      });
      const registration = newRequest({
        spec,
        events: [{ state: 'approved', actor: 'user:default/pat' }],
        reserve: { owner: 'group:default/payments-team' },
      });
      const setup = await approve(filename, registration);
      await setup.close();
      // About 30 steps provision a deployment; a death beyond them lets the first one finish.
      const provisioned = await dieAndResume(
        filename,
        sink,
        1 + Math.floor(random() * 34),
        registration.id,
      );
      const secretOf = () => sink.written.get(`${name}-ns/entra-credentials`)!;
      expectProvisionedOnce(sandbox, provisioned.request, secretOf());

      const before = { ...secretOf() };
      const rotation = newRequest({
        kind: 'rotate',
        client: 'optimize',
        spec,
        events: [{ state: 'approved', actor: 'user:default/pat' }],
      });
      const rotating = await approve(filename, rotation);
      await rotating.store.recordApplications(rotation.id, {
        clients: { optimize: provisioned.request.clients.optimize },
        objectIds: { optimize: provisioned.request.objectIds.optimize },
      });
      await rotating.close();
      // About 10 steps rotate a secret.
      const rotated = await dieAndResume(
        filename,
        sink,
        1 + Math.floor(random() * 12),
        rotation.id,
      );
      expectRotatedOnce(rotated.request, before, secretOf());
      died += (provisioned.died ? 1 : 0) + (rotated.died ? 1 : 0);
    }
    // Most first backends did die mid-way rather than finish.
    expect(died).toBeGreaterThanOrEqual(TRIALS);
  });

  /**
   * The rotated application holds exactly one secret of the rotation, the one now in the sink,
   * beside the registration's (removed after the grace period); the other keys are unchanged.
   */
  function expectRotatedOnce(
    rotation: StoredRequest,
    before: Record<string, string>,
    after: Record<string, string>,
  ) {
    expect(
      rotation.history.filter(event => event.state === 'provisioned'),
    ).toHaveLength(1);
    const key = ENTRA_SECRET_KEYS.optimize!;
    const credentials = sandbox.admin
      .directory()
      .applications.find(app => app.id === rotation.objectIds.optimize)!
      .passwordCredentials as Array<{ displayName?: string }>;
    expect(
      credentials.filter(
        credential => credential.displayName === secretDisplayName(rotation.id),
      ),
    ).toEqual([
      expect.objectContaining({
        keyId: rotation.secrets!.optimize.keyId,
        hint: after[key].slice(0, 3),
      }),
    ]);
    expect(credentials).toHaveLength(2);
    expect({ ...after, [key]: before[key] }).toEqual(before);
    expect(after[key]).not.toBe(before[key]);
  }
});
