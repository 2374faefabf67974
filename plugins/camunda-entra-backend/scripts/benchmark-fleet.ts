/*
 * How soon a dead replica's requests are taken over: two backends in child processes on one
 * PostgreSQL database, with the default lease and poll interval, provision deployments (the
 * guide's six applications, four secrets each) against the Entra sandbox with Graph-like faults;
 * a few seconds after approving them all, one replica is killed with SIGKILL (it releases no
 * lease, as a crashed pod). Prints the time from approval until every request is settled, and
 * when the killed replica's requests were resumed. Needs PostgreSQL: CAMUNDA_ENTRA_BENCH_DATABASE
 * (or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING), default
 * postgresql://postgres@127.0.0.1:5432/postgres. Run from the repository root:
 *   yarn bench:fleet-takeover [--deployments 8] [--kill-after-ms 4000] [--latency-ms 20]
 *                             [--replication-delay-ms 1500] [--throttle-every-nth-write 7]
 *                             [--lease-ms <ms>] [--poll-interval-ms <ms>]
 * --lease-ms and --poll-interval-ms set camundaEntra.provisioning's lease and pollInterval
 * instead of their defaults, to compare.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { randomBytes } from 'crypto';
import { mkdtemp, rm } from 'fs/promises';
import knexFactory from 'knex';
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
import { readCamundaEntraBackendConfig } from '../src/config';
import { DatabaseRequestStore } from '../src/database/DatabaseRequestStore';

const POLL_MS = 100;
const DEADLINE_MS = 5 * 60_000;
const SETTLED = ['provisioned', 'failed'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const { values } = parseArgs({
    options: {
      deployments: { type: 'string' },
      'kill-after-ms': { type: 'string' },
      'latency-ms': { type: 'string' },
      'replication-delay-ms': { type: 'string' },
      'throttle-every-nth-write': { type: 'string' },
      'lease-ms': { type: 'string' },
      'poll-interval-ms': { type: 'string' },
    },
  });
  const deployments = Number(values.deployments ?? 8);
  const killAfterMs = Number(values['kill-after-ms'] ?? 4000);
  const faults = {
    latencyMs: Number(values['latency-ms'] ?? 20),
    replicationDelayMs: Number(values['replication-delay-ms'] ?? 1500),
    throttleEveryNthWrite: Number(values['throttle-every-nth-write'] ?? 7),
  };
  const server =
    process.env.CAMUNDA_ENTRA_BENCH_DATABASE ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  const provisioningConfig = {
    ...(values['lease-ms'] && {
      lease: { milliseconds: Number(values['lease-ms']) },
    }),
    ...(values['poll-interval-ms'] && {
      pollInterval: { milliseconds: Number(values['poll-interval-ms']) },
    }),
  };
  // Read as the replicas read it, to print what was measured.
  const { provisioning } = readCamundaEntraBackendConfig(
    new ConfigReader({ camundaEntra: { provisioning: provisioningConfig } }),
  );

  const sandbox = await startEntraSandbox({ seed: 4 });
  const folder = await mkdtemp(path.join(tmpdir(), 'camunda-fleet-'));
  const name = `camunda_entra_fleet_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: server });
  await admin.raw(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  const replicas: Replica[] = [];
  try {
    // Migrated once here, so that the replicas never race for the migration lock.
    await DatabaseRequestStore.create({
      database: mockServices.database({ knex }),
    });
    const settings = replicaSettings(sandbox, {
      database: databaseSettingsOf(knex),
      secretsDirectory: path.join(folder, 'secrets'),
      provisioning: provisioningConfig,
    });
    replicas.push(await startReplica(settings), await startReplica(settings));
    const ids: string[] = [];
    for (let i = 0; i < deployments; i++) {
      const request = await postAsAlice(replicas[0], '/requests', {
        spec: { ...FULL_SPEC, name: `fleet${i}`, namespace: `fleet${i}` },
      });
      ids.push(request.id);
    }
    sandbox.admin.setFaults(faults);
    sandbox.admin.resetCounters();
    const started = Date.now();
    await Promise.all(
      ids.map((id, i) =>
        postAsAlice(replicas[i % 2], `/requests/${id}/approve`, {}),
      ),
    );
    const approvedMs = Date.now() - started;

    const killedAt = started + killAfterMs;
    let leasedAtKill: number | undefined;
    const settledAt = new Map<string, number>();
    for (
      const deadline = started + DEADLINE_MS;
      settledAt.size < ids.length;

    ) {
      if (leasedAtKill === undefined && Date.now() >= killedAt) {
        leasedAtKill = Number(
          (
            await knex('camunda_entra_requests')
              .whereIn('id', ids)
              .where('state', 'provisioning')
              .count({ n: '*' })
          )[0].n,
        );
        await replicas[1].kill();
      }
      const rows = await knex('camunda_entra_requests')
        .whereIn('id', ids)
        .select('id', 'state');
      for (const row of rows) {
        if (SETTLED.includes(row.state) && !settledAt.has(row.id)) {
          settledAt.set(row.id, Date.now() - started);
        }
      }
      if (Date.now() > deadline) {
        throw new Error('the run timed out');
      }
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
    }
    const allSettledMs = Math.max(...settledAt.values());
    const states = await knex('camunda_entra_requests')
      .whereIn('id', ids)
      .pluck('state');
    const resumed = await knex('camunda_entra_request_events')
      .whereIn('request_id', ids)
      .where('comment', 'resuming interrupted provisioning')
      .select('request_id', 'at');
    const resumedAfterKill = resumed.map(
      r => new Date(r.at).getTime() - killedAt,
    );
    const counters = sandbox.admin.counters();

    process.stdout.write(
      [
        `${deployments} deployments (6 applications, 4 secrets each), two replicas on PostgreSQL, one killed (SIGKILL)`,
        `${seconds(killAfterMs)} after approval; Entra sandbox with ${
          faults.latencyMs
        } ms latency, ${faults.replicationDelayMs} ms replication delay${
          faults.throttleEveryNthWrite
            ? ` and a 429 (Retry-After: 1) on every ${faults.throttleEveryNthWrite}th write`
            : ''
        };`,
        `lease ${seconds(provisioning.leaseMs)} (renewed every ${seconds(
          provisioning.leaseRenewalMs,
        )}), poll interval ${seconds(
          provisioning.pollIntervalMs,
        )}, concurrency ${provisioning.concurrency} per replica.`,
        `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${
          cpus().length
        } cores, Node ${process.version}.`,
        '',
        `approvals answered after          ${seconds(approvedMs)}`,
        `requests under way at the kill    ${
          leasedAtKill ?? 'none (all settled before)'
        }`,
        `requests resumed by the survivor  ${resumed.length}${
          resumedAfterKill.length
            ? `, ${seconds(Math.min(...resumedAfterKill))} to ${seconds(
                Math.max(...resumedAfterKill),
              )} after the kill`
            : ''
        }`,
        `every request settled after       ${seconds(allSettledMs)} (${
          states.filter(s => s === 'provisioned').length
        } provisioned, ${states.filter(s => s === 'failed').length} failed)`,
        `Graph requests                    ${counters.graphRequests}`,
        '',
      ].join('\n'),
    );
  } finally {
    await Promise.all(replicas.map(replica => replica.kill()));
    await knex.destroy();
    await admin.raw(`DROP DATABASE ${name}`);
    await admin.destroy();
    await sandbox.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
