import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { DefaultEntraDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { mkdtemp, rm } from 'fs/promises';
import knexFactory from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import { expectProvisionedOnce } from './__testUtils__/provisionedOnce';
import { provisioningInstance } from './__testUtils__/provisioningInstance';
import { newRequest } from './__testUtils__/requests';
import { startSandboxDirectory } from './__testUtils__/sandboxDirectory';
import {
  EntraProvisioningDirectory,
  ProvisioningDirectory,
} from './provisioning';
import { SecretSink } from './sinks';

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
    registerApplication: mortality.around(
      directory.registerApplication.bind(directory),
    ),
    listSecrets: mortality.around(directory.listSecrets.bind(directory)),
    addSecret: mortality.around(directory.addSecret.bind(directory)),
    removeSecret: mortality.around(directory.removeSecret.bind(directory)),
    getApplicationsByAppId: directory.getApplicationsByAppId.bind(directory),
    getServicePrincipalAppIds:
      directory.getServicePrincipalAppIds.bind(directory),
    listApplications: directory.listApplications.bind(directory),
  };
}

function mortalSink(sink: SecretSink, mortality: Mortality): SecretSink {
  return {
    describe: sink.describe.bind(sink),
    checkTarget: sink.checkTarget.bind(sink),
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
 * One backend on a SQLite file that dies at a random step of provisioning (a directory or sink
 * call that never returns; its timers stopped, its lease never released), then a new backend on
 * the same file, which must finish the request with the invariants of a single run.
 */
describe('provisioning restarted at random steps on SQLite', () => {
  let sandbox: EntraSandbox;
  let client: DefaultEntraDirectory;
  let folder: string;

  beforeAll(async () => {
    ({ sandbox, directory: client } = await startSandboxDirectory());
    folder = await mkdtemp(path.join(tmpdir(), 'camunda-restarts-'));
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(folder, { recursive: true, force: true });
  });

  /** A backend on the file. */
  async function instance(
    filename: string,
    directory: ProvisioningDirectory,
    sink: SecretSink,
  ) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    const started = await provisioningInstance({
      knex,
      directory,
      sink,
      leaseMs: LEASE_MS,
    });
    return { ...started, knex };
  }

  it(`leaves one application per client and one secret each, the one in the sink, in ${TRIALS} trials`, async () => {
    const directory = EntraProvisioningDirectory.create({
      directory: client,
      tenant: { id: sandbox.tenantId },
    });
    const random = seededRandom(20261201);
    const started = Date.now();
    let died = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      expect(Date.now() - started).toBeLessThan(BUDGET_MS);
      sandbox.admin.resetDirectory();
      const filename = path.join(folder, `trial-${trial}.sqlite`);
      const sink = new MemorySecretSink();
      // About 30 steps provision a deployment; a death beyond them lets the first one finish.
      const mortality = new Mortality(1 + Math.floor(random() * 34));

      const first = await instance(
        filename,
        mortalDirectory(directory, mortality),
        mortalSink(sink, mortality),
      );
      const { id } = await first.store.create(
        newRequest({
          spec: {
            ...FULL_SPEC,
            name: `trial${trial}`,
            namespace: `trial${trial}-ns`,
            tenant: { id: sandbox.tenantId },
          },
          events: [{ state: 'approved', actor: 'user:default/pat' }],
        }),
      );
      await Promise.race([first.worker.runUntilIdle(), mortality.dead]);
      await first.worker.stop();
      died += mortality.died ? 1 : 0;

      const second = await instance(filename, directory, sink);
      await new Promise(resolve => setTimeout(resolve, LEASE_MS + 20));
      await second.worker.runUntilIdle();

      const request = (await second.store.get(id))!;
      const delivered = sink.written.get(`trial${trial}-ns/entra-credentials`);
      const { dieAt } = mortality;
      expect({ trial, dieAt, state: request.state }).toEqual({
        trial,
        dieAt,
        state: 'provisioned',
      });
      expectProvisionedOnce(sandbox, request, delivered);
      await Promise.all([first.knex.destroy(), second.knex.destroy()]);
    }
    // Most first instances did die mid-way rather than finish.
    expect(died).toBeGreaterThanOrEqual(TRIALS / 2);
  });
});
