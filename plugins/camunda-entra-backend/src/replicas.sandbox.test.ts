import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { mkdtemp, readdir, readFile, rm } from 'fs/promises';
import knexFactory, { Knex } from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import { parse } from 'yaml';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { expectProvisionedOnce } from './__testUtils__/provisionedOnce';
import {
  databaseSettingsOf,
  postAs,
  postAsAlice,
  Replica,
  ReplicaSettings,
  replicaSettings,
  startReplica,
} from './__testUtils__/replicas';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { DatabaseRequestStore } from './database/DatabaseRequestStore';
import { StoredRequest } from './database/RequestStore';
import { secretDisplayName } from './secrets/deliverRequestSecrets';

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

  /**
   * The database the backends share, migrated once here so that they never race for the
   * migration lock, and the settings of a backend on it.
   */
  async function database(provisioning: ReplicaSettings['provisioning']) {
    let knex: Knex;
    const shared =
      !!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
    if (shared) {
      knex = await databases.init('POSTGRES_15');
    } else {
      const filename = path.join(secretsDirectory, 'backend.sqlite');
      knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename },
        useNullAsDefault: true,
      });
    }
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    const settings = replicaSettings(sandbox, {
      database: databaseSettingsOf(knex),
      secretsDirectory,
      provisioning,
    });
    return { knex, shared, store, settings };
  }

  async function delivered(request: StoredRequest) {
    const { name } = request.spec as { name: string };
    const file = path.join(secretsDirectory, `${name}-${request.id}.yaml`);
    return parse(await readFile(file, 'utf8')).stringData;
  }

  it('provisions every request once, with one secret per application (the one in the sink), when a backend is killed mid-way', async () => {
    const { knex, shared, store, settings } = await database({
      lease: { seconds: 2 },
      pollInterval: { milliseconds: 200 },
      concurrency: 3,
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

  it('gives a name two teams ask for at the same moment to exactly one request, on two backends, and provisions only that one', async () => {
    const { knex, shared, store, settings } = await database({
      pollInterval: { milliseconds: 100 },
    });
    const one = await startReplica(settings);
    replicas.push(one);
    // SQLite serves one backend: both requests go to it at once.
    const other = shared ? await startReplica(settings) : one;
    if (shared) {
      replicas.push(other);
    }
    const teams = [
      { user: 'user:default/alice', replica: one, namespace: 'alice-ns' },
      { user: 'user:default/bob', replica: other, namespace: 'bob-ns' },
    ];

    const asked = await Promise.all(
      teams.map(team =>
        postAs(team.user, team.replica, '/requests', {
          spec: { ...FULL_SPEC, name: 'contested', namespace: team.namespace },
        }),
      ),
    );

    expect(asked.map(answer => answer.status).sort()).toEqual([201, 409]);
    const winner = asked.find(answer => answer.status === 201)!.body;
    expect(asked.find(answer => answer.status === 409)!.body.error).toEqual(
      expect.objectContaining({
        name: 'ConflictError',
        message: expect.stringContaining(
          `reserved in this tenant by request ${winner.id}`,
        ),
      }),
    );
    // Approved as fast as possible, on both backends: one approval wins, the other is too late.
    const approvals = await Promise.all(
      teams.map(team =>
        postAs(
          winner.requester,
          team.replica,
          `/requests/${winner.id}/approve`,
          {},
        ),
      ),
    );
    expect(approvals.map(answer => answer.status)).toContain(200);

    let request: StoredRequest | undefined;
    for (
      const deadline = Date.now() + DEADLINE_MS;
      Date.now() < deadline && request?.state !== 'provisioned';
      await new Promise(resolve => setTimeout(resolve, 100))
    ) {
      request = await store.get(winner.id);
    }
    const contested = (await store.list({})).filter(
      r => (r.spec as { name: string }).name === 'contested',
    );
    expect(contested.map(r => [r.id, r.state])).toEqual([
      [winner.id, 'provisioned'],
    ]);
    // Every secret of the name's applications is the winner's, delivered to its namespace only.
    const applications = sandbox.admin
      .directory()
      .applications.filter(app =>
        String(app.uniqueName).startsWith('camunda-contested-'),
      );
    expect(applications.length).toBeGreaterThan(0);
    for (const application of applications) {
      for (const credential of application.passwordCredentials as Array<{
        displayName?: string;
      }>) {
        expect(credential.displayName).toBe(secretDisplayName(winner.id));
      }
    }
    const secrets = await delivered(request!);
    expect(Object.keys(secrets).length).toBe(
      Object.keys(request!.secrets ?? {}).length,
    );
    expect(
      (await readdir(secretsDirectory)).filter(file =>
        file.startsWith('contested-'),
      ),
    ).toEqual([`contested-${winner.id}.yaml`]);
    await knex.destroy();
  });
});
