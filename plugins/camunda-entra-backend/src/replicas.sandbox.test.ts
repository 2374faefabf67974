import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { mkdtemp, readFile, rm } from 'fs/promises';
import knexFactory, { Knex } from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import { parse } from 'yaml';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { expectProvisionedOnce } from './__testUtils__/provisionedOnce';
import {
  databaseSettingsOf,
  postAsAlice,
  Replica,
  replicaSettings,
  startReplica,
} from './__testUtils__/replicas';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { DatabaseRequestStore, StoredRequest } from './database';

const REQUESTS = 12;
const DEADLINE_MS = 90_000;

jest.setTimeout(150_000);

/**
 * Backends in child processes on one database against the Entra sandbox; one of them is killed
 * with SIGKILL mid-way, so it releases nothing, as a crashed pod. With PostgreSQL (when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set) two run side by side and the
 * survivor takes over; on SQLite alone, a second backend is started on the file after the kill.
 */
describe('provisioning with several backends', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let secretsDirectory: string;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    // Latency so that the kill lands while requests are half done.
    sandbox = await startEntraSandbox({ seed: 7, faults: { latencyMs: 20 } });
    secretsDirectory = await mkdtemp(path.join(tmpdir(), 'camunda-replicas-'));
  });
  afterAll(async () => {
    await Promise.all(replicas.map(replica => replica.kill()));
    await sandbox.stop();
    await rm(secretsDirectory, { recursive: true, force: true });
  });

  async function database(): Promise<{ knex: Knex; shared: boolean }> {
    if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
      return { knex: await databases.init('POSTGRES_15'), shared: true };
    }
    const filename = path.join(secretsDirectory, 'backend.sqlite');
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    return { knex, shared: false };
  }

  async function delivered(request: StoredRequest) {
    const { name } = request.spec as { name: string };
    const file = path.join(secretsDirectory, `${name}-${request.id}.yaml`);
    return parse(await readFile(file, 'utf8')).stringData;
  }

  it('provisions every request once, with one secret per application (the one in the sink), when a backend is killed mid-way', async () => {
    const { knex, shared } = await database();
    // Migrated once here, so that the backends never race for the migration lock.
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    const settings = replicaSettings(sandbox, {
      database: databaseSettingsOf(knex),
      secretsDirectory,
      provisioning: {
        lease: { seconds: 2 },
        pollInterval: { milliseconds: 200 },
        concurrency: 3,
      },
    });
    const doomed = await startReplica(settings);
    replicas.push(doomed);
    if (shared) {
      replicas.push(await startReplica(settings));
    }

    const created = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        postAsAlice(doomed, '/requests', {
          spec: { ...FULL_SPEC, name: `team${i}`, namespace: `team${i}-ns` },
        }),
      ),
    );
    const ids: string[] = created.map(request => request.id);
    // Approved at once, on both backends when there are two.
    await Promise.all(
      ids.map((id, i) =>
        postAsAlice(
          replicas[i % replicas.length],
          `/requests/${id}/approve`,
          {},
        ),
      ),
    );

    // Killed once some request is half done: applications registered, no secret delivered.
    const started = Date.now();
    for (;;) {
      const requests = await Promise.all(ids.map(id => store.get(id)));
      const halfDone = requests.some(
        request =>
          request!.state === 'provisioning' &&
          request!.history.some(e => e.comment?.startsWith('registered')),
      );
      if (halfDone || Date.now() - started > DEADLINE_MS) break;
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    await doomed.kill();
    const atKill = await Promise.all(ids.map(id => store.get(id)));
    expect(atKill.some(r => r!.state !== 'provisioned')).toBe(true);
    if (!shared) {
      replicas.push(await startReplica(settings));
    }

    let requests: StoredRequest[] = [];
    for (
      const deadline = Date.now() + DEADLINE_MS;
      Date.now() < deadline;
      await new Promise(resolve => setTimeout(resolve, 200))
    ) {
      requests = (await Promise.all(ids.map(id => store.get(id)))).map(r => r!);
      if (
        requests.every(r => r.state === 'provisioned' || r.state === 'failed')
      ) {
        break;
      }
    }

    for (const request of requests) {
      expectProvisionedOnce(sandbox, request, await delivered(request));
    }
    // The survivor did take work over from the killed backend.
    expect(
      requests.some(r =>
        r.history.some(e => e.comment === 'resuming interrupted provisioning'),
      ),
    ).toBe(true);
    await knex.destroy();
  });
});
