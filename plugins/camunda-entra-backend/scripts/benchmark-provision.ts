/*
 * Provisions 50 deployments (six applications each, four with a secret) through backends in
 * child processes sharing one database, against the Entra sandbox with latency and replication
 * delay, with one and with two replicas; prints wall time and Graph requests per deployment.
 * Needs PostgreSQL for two replicas: CAMUNDA_ENTRA_BENCH_DATABASE (or
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING), e.g. postgresql://postgres@127.0.0.1:5432/test;
 * without it, one replica runs on SQLite. Run from the repository root:
 *   yarn bench:provision [--deployments 50] [--latency-ms 50] [--replication-delay-ms 1000] [--concurrency 4]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { randomBytes } from 'crypto';
import { mkdtemp, rm } from 'fs/promises';
import knexFactory, { Knex } from 'knex';
import { cpus, tmpdir } from 'os';
import path from 'path';
import { parseArgs } from 'node:util';
import { FULL_SPEC } from '../src/__testUtils__/FakeDirectory';
import {
  databaseSettingsOf,
  postAsAlice,
  Replica,
  replicaSettings,
  startReplica,
} from '../src/__testUtils__/replicas';
import { DatabaseRequestStore } from '../src/database/DatabaseRequestStore';

const POLL_MS = 100;
const DEADLINE_MS = 30 * 60_000;

/** A fresh database: PostgreSQL when a server is given, else a SQLite file. */
async function freshDatabase(
  server: string | undefined,
  folder: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (!server) {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(folder, `bench-${Date.now()}.sqlite`) },
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const name = `camunda_entra_bench_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: server });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

const WIDTHS = [8, 12, 16, 20, 21];

function row(cells: string[]): string {
  return cells
    .map((cell, i) =>
      i === 0 ? cell.padEnd(WIDTHS[i]) : cell.padStart(WIDTHS[i]),
    )
    .join('');
}

async function main() {
  const { values } = parseArgs({
    options: {
      deployments: { type: 'string' },
      'latency-ms': { type: 'string' },
      'replication-delay-ms': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  const deployments = Number(values.deployments ?? 50);
  const latencyMs = Number(values['latency-ms'] ?? 50);
  const replicationDelayMs = Number(values['replication-delay-ms'] ?? 1000);
  const concurrency = Number(values.concurrency ?? 4);
  const server =
    process.env.CAMUNDA_ENTRA_BENCH_DATABASE ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

  const sandbox = await startEntraSandbox({ seed: 3 });
  const folder = await mkdtemp(path.join(tmpdir(), 'camunda-bench-'));
  const lines: string[] = [];
  for (const count of server ? [1, 2] : [1]) {
    sandbox.admin.resetDirectory();
    sandbox.admin.setFaults({});
    const { knex, drop } = await freshDatabase(server, folder);
    // Migrated once here, so that the replicas never race for the migration lock.
    await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    const settings = replicaSettings(sandbox, {
      database: databaseSettingsOf(knex),
      secretsDirectory: path.join(folder, `secrets-${count}`),
      provisioning: { concurrency, pollInterval: { seconds: 1 } },
    });
    const replicas: Replica[] = [];
    for (let i = 0; i < count; i++) {
      replicas.push(await startReplica(settings));
    }
    try {
      const created = await Promise.all(
        Array.from({ length: deployments }, (_, i) =>
          postAsAlice(replicas[0], '/requests', {
            spec: { ...FULL_SPEC, name: `bench${i}`, namespace: `bench${i}` },
          }),
        ),
      );
      const ids: string[] = created.map(request => request.id);
      sandbox.admin.setFaults({ latencyMs, replicationDelayMs });
      sandbox.admin.resetCounters();
      const started = process.hrtime.bigint();
      await Promise.all(
        ids.map((id, i) =>
          postAsAlice(replicas[i % count], `/requests/${id}/approve`, {}),
        ),
      );
      for (const deadline = Date.now() + DEADLINE_MS; ; ) {
        const states = await knex('camunda_entra_requests')
          .whereIn('id', ids)
          .pluck('state');
        if (states.every(state => state === 'provisioned')) break;
        const failed = states.filter(state => state === 'failed').length;
        if (failed > 0 || Date.now() > deadline) {
          throw new Error(`${failed} requests failed or the run timed out`);
        }
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const counters = sandbox.admin.counters();
      const retried = Object.entries(counters.byStatus)
        .filter(([status]) => Number(status) >= 400)
        .reduce((sum, [, n]) => sum + n, 0);
      lines.push(
        row([
          String(count),
          `${(ms / 1000).toFixed(1)} s`,
          `${Math.round(ms / deployments)} ms`,
          (counters.graphRequests / deployments).toFixed(1),
          (retried / deployments).toFixed(1),
        ]),
      );
    } finally {
      await Promise.all(replicas.map(replica => replica.kill()));
      await drop();
    }
  }
  await sandbox.stop();
  await rm(folder, { recursive: true, force: true });

  process.stdout.write(
    [
      `Provisioning ${deployments} deployments (6 applications, 4 secrets each) against the Entra sandbox`,
      `with ${latencyMs} ms latency per request and ${replicationDelayMs} ms replication delay;`,
      `each replica works on ${concurrency} requests at a time; database ${
        server ? 'PostgreSQL' : 'SQLite'
      }; ${cpus().length} CPU cores.`,
      '',
      row([
        'replicas',
        'wall time',
        'per deployment',
        'Graph requests/dep',
        'of them 4xx/5xx/dep',
      ]),
      ...lines,
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
