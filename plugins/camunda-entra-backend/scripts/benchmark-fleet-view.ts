/*
 * The fleet view's API under load: seeds 1,000 registered deployments into the status cache
 * (three or four watched secrets each, three requests each of which one in ten is open, a
 * verification for half), then times 200 mixed queries through the HTTP router, one after
 * another (first page, sorted, filtered, searched, the pages after it, an owner's view and the
 * expiry timeline), on SQLite (in memory, as `yarn dev`) and on PostgreSQL when one answers at
 * CAMUNDA_ENTRA_BENCH_DATABASE (or BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
 * default postgresql://postgres@127.0.0.1:5432/postgres (a scratch database is created and
 * dropped). Prints p50/p95/max per query kind and the machine. Then it times one refresh of the
 * cache (what the scheduled task runs) over as many deployments of six applications each seeded in
 * the Entra sandbox with --latency-ms per Graph request, and counts its Graph requests. Run from
 * the repository root:
 *   yarn bench:fleet [--deployments 1000] [--queries 200] [--latency-ms 20] [--no-refresh]
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { randomBytes, randomUUID } from 'crypto';
import { AddressInfo } from 'net';
import knexFactory, { Knex } from 'knex';
import { cpus } from 'os';
import { parseArgs } from 'node:util';
import { startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { FULL_SPEC } from '../src/__testUtils__/FakeDirectory';
import { seedFleet, SeededDeployment } from '../src/__testUtils__/fleet';
import {
  recordProvisionedRequest,
  testSpec,
} from '../src/__testUtils__/requests';
import { sandboxDirectoryConfig } from '../src/__testUtils__/sandboxDirectory';
import { DatabaseRequestStore } from '../src/database/DatabaseRequestStore';
import { FleetStatusStore } from '../src/database/FleetStatusStore';
import { FleetService } from '../src/fleet/FleetService';
import { FleetStatusRefresher } from '../src/fleet/FleetStatusRefresher';
import { createRouter } from '../src/service/router';
import { seedSandboxApplications } from './seedSandboxApplications';

const TARGET_P95_MS = 300;
const DAY = 24 * 60 * 60 * 1000;
const TEAMS = 25;
const APPROVER = 'user:default/platform-admin';
const OWNER = 'user:default/alice';
const HEALTH = ['ok', 'ok', 'ok', 'warning', 'error'] as const;
const CLIENTS = ['orchestration', 'identity', 'optimize', 'webModelerApi'];

const team = (i: number) => `group:default/team-${i % TEAMS}`;

/** A repeatable pseudo-random sequence, so that runs compare. */
function sequence(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function deployments(count: number): SeededDeployment[] {
  const random = sequence(21);
  return Array.from({ length: count }, (_, i) => ({
    deployment: `camunda-${String(i).padStart(4, '0')}`,
    owner: team(i),
    entityRef: `component:default/camunda-${String(i).padStart(4, '0')}`,
    chart: (['8.8', '8.9', '8.10'] as const)[i % 3],
    environment: i % 2 ? 'production' : 'development',
    // One in twenty never checked yet.
    ...(i % 20 !== 0 && {
      health: HEALTH[Math.floor(random() * HEALTH.length)],
    }),
    driftCount: random() < 0.2 ? Math.floor(random() * 5) + 1 : 0,
    secrets: CLIENTS.slice(0, 3 + (i % 2)).map(client => ({
      client,
      endDateTime: new Date(
        Date.now() + Math.floor((random() * 420 - 20) * DAY),
      ).toISOString(),
    })),
  }));
}

/** Three requests per deployment (one in ten of them open) and a verification for half. */
async function seedRequests(knex: Knex, count: number) {
  const now = new Date();
  const rows = [];
  const verifications = [];
  for (let i = 0; i < count; i++) {
    const deployment = `camunda-${String(i).padStart(4, '0')}`;
    for (let r = 0; r < 3; r++) {
      rows.push({
        id: randomUUID(),
        kind: r === 0 ? 'provision' : 'rotate',
        state: r === 2 && i % 10 === 0 ? 'pending' : 'provisioned',
        spec: '{}',
        plan: '{}',
        requester: OWNER,
        clients: '{}',
        object_ids: '{}',
        deployment,
        tenant_id: '6f1c2f43-0000-4000-8000-0000000000f1',
        created_at: now,
        updated_at: now,
      });
    }
    if (i % 2 === 0) {
      verifications.push({
        deployment,
        tenant_id: '6f1c2f43-0000-4000-8000-0000000000f1',
        verification: JSON.stringify({
          verifiedAt: now.toISOString(),
          passed: i % 7 !== 0,
          checks: 12,
          problems: [],
        }),
      });
    }
  }
  await knex.batchInsert('camunda_entra_requests', rows, 50);
  await knex.batchInsert('camunda_entra_verifications', verifications, 50);
}

/** The HTTP router of the plugin with the fleet view on `knex`, on a free port. */
async function serve(knex: Knex, count: number) {
  const database = mockServices.database({ knex });
  const fleet = await FleetStatusStore.create({ database });
  const seedStarted = Date.now();
  await seedFleet(knex, fleet, deployments(count));
  await seedRequests(knex, count);
  const seedMs = Date.now() - seedStarted;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    fleet: FleetService.create({
      fleet,
      permissions: {
        authorize: async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef === APPROVER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        authorizeConditional: async () => {
          throw new Error('not used');
        },
      },
      userInfo: {
        getUserInfo: async credentials => {
          const ref = (credentials.principal as { userEntityRef: string })
            .userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [ref, team(3), team(7)],
          };
        },
      },
      thresholds: { warningDays: 30, criticalDays: 7 },
    }),
    // Not reached by the fleet view's routes.
    requests: undefined as never,
    status: undefined as never,
    verifications: undefined as never,
  });
  const app = express().use('/api/camunda-entra', router);
  const server = app.listen(0);
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seedMs,
    base: `http://127.0.0.1:${port}/api/camunda-entra`,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

type Kind =
  | 'first page'
  | 'sorted'
  | 'filtered'
  | 'searched'
  | 'next pages'
  | "owner's view"
  | 'timeline';

const KINDS: Kind[] = [
  'first page',
  'sorted',
  'filtered',
  'searched',
  'next pages',
  "owner's view",
  'timeline',
];

async function run(base: string, queries: number) {
  const random = sequence(7);
  const pick = <T>(values: readonly T[]) =>
    values[Math.floor(random() * values.length)];
  const get = async (user: string, path: string, query = {}) => {
    const started = process.hrtime.bigint();
    const response = await fetch(
      `${base}${path}?${new URLSearchParams(query)}`,
      { headers: { authorization: mockCredentials.user.header(user) } },
    );
    const body = await response.json();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!response.ok) {
      throw new Error(`${path} answered ${response.status}: ${body}`);
    }
    return { body, ms };
  };
  let cursor: string | undefined;
  const query = async (kind: Kind) => {
    switch (kind) {
      case 'first page':
        return get(APPROVER, '/deployments');
      case 'sorted':
        return get(APPROVER, '/deployments', {
          sort: pick(['health', 'nextExpiry', 'owner', 'driftCount', 'chart']),
          order: pick(['asc', 'desc']),
        });
      case 'filtered':
        return get(APPROVER, '/deployments', {
          health: pick(['error', 'error,warning', 'unknown']),
          expiringWithinDays: String(pick([7, 30, 90])),
          sort: 'nextExpiry',
        });
      case 'searched':
        return get(APPROVER, '/deployments', {
          search: pick(['camunda-01', '0042', 'team-1', 'production', '7']),
        });
      case 'next pages': {
        const page = await get(APPROVER, '/deployments', {
          sort: 'nextExpiry',
          ...(cursor && { cursor }),
        });
        cursor = page.body.nextCursor;
        return page;
      }
      case "owner's view":
        return get(OWNER, '/deployments', {
          sort: pick(['health', 'nextExpiry']),
          order: 'desc',
        });
      default:
        return get(pick([APPROVER, OWNER]), '/deployments/expiry-timeline');
    }
  };
  // Warm-up (not measured): connections, query plans, code paths.
  for (const kind of KINDS) {
    await query(kind);
  }
  cursor = undefined;
  const times = new Map<Kind, number[]>(KINDS.map(kind => [kind, []]));
  let totalCount = 0;
  for (let i = 0; i < queries; i++) {
    const kind = KINDS[i % KINDS.length];
    const { body, ms } = await query(kind);
    times.get(kind)!.push(ms);
    if (kind === 'first page') {
      totalCount = body.totalCount;
    }
  }
  return { times, totalCount };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)
  ];

function report(
  name: string,
  seedMs: number,
  { times, totalCount }: Awaited<ReturnType<typeof run>>,
): { lines: string[]; worstP95: number } {
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
  const all = [...times.values()].flat();
  const lines = [
    `${name} (${totalCount} deployments listed to the approver; seeding took ${seedMs} ms)`,
    `${'query'.padEnd(14)}${'count'.padStart(6)}${'p50'.padStart(
      10,
    )}${'p95'.padStart(10)}${'max'.padStart(10)}`,
    ...[...times.entries(), ['all', all] as const].map(
      ([kind, values]) =>
        `${kind.padEnd(14)}${String(values.length).padStart(6)}${ms(
          percentile(values, 50),
        )}${ms(percentile(values, 95))}${ms(Math.max(...values))}`,
    ),
    '',
  ];
  return {
    lines,
    worstP95: Math.max(
      ...[...times.values()].map(values => percentile(values, 95)),
    ),
  };
}

async function measure(
  knex: Knex,
  name: string,
  count: number,
  queries: number,
) {
  const served = await serve(knex, count);
  try {
    return report(name, served.seedMs, await run(served.base, queries));
  } finally {
    await served.close();
  }
}

/**
 * One refresh of the cache over `count` registered deployments seeded in the sandbox (six
 * applications, four secrets each), as the scheduled task runs it; a fresh directory client, so
 * sign-in is included.
 */
async function measureRefresh(count: number, latencyMs: number) {
  const unlimited = { limit: 1_000_000, windowSeconds: 1 };
  const sandbox = await startEntraSandbox({
    seed: 1,
    throttling: { appWrites: unlimited, tenantRequests: unlimited },
  });
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  try {
    const seeded = await seedSandboxApplications(sandbox, count, 180);
    const database = mockServices.database({ knex });
    const store = await DatabaseRequestStore.create({ database });
    for (const { deployment, clients } of seeded) {
      await recordProvisionedRequest(
        store,
        testSpec({
          ...FULL_SPEC,
          name: deployment,
          namespace: deployment,
          tenant: { id: sandbox.tenantId },
        }),
        clients.map(client => ({ ...client, objectId: client.appId })),
        { owner: team(Number(deployment.split('-')[1])) },
      );
    }
    const fleet = await FleetStatusStore.create({ database });
    const refresher = (directory: DefaultEntraDirectory) =>
      FleetStatusRefresher.create({
        // refreshAll() is called directly; nothing is scheduled.
        scheduler: undefined as never,
        schedule: { frequency: { minutes: 15 }, timeout: { minutes: 5 } },
        store,
        directory,
        fleet,
        thresholds: { warningDays: 30, criticalDays: 7 },
        logger: mockServices.rootLogger({ level: 'warn' }),
      });
    const client = () =>
      DefaultEntraDirectory.create(
        resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
      );
    // Warm-up (not measured): code paths and the cache's rows.
    await refresher(client()).refreshAll();
    sandbox.admin.setFaults({ latencyMs });
    sandbox.admin.resetCounters();
    const measured = refresher(client());
    const started = process.hrtime.bigint();
    await measured.refreshAll();
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const counters = sandbox.admin.counters();
    const health = await fleet.listHealth();
    const checked = health.filter(h => h.health !== 'unknown').length;
    return [
      `Refresh of the cache over ${count} deployments (${
        count * 6
      } applications, ${count * 4} secrets) against the Entra sandbox,`,
      `${latencyMs} ms latency per request, a fresh client (sign-in included):`,
      `  wall time ${wallMs.toFixed(0)} ms, ${
        counters.graphRequests
      } Graph requests, ${checked} of ${health.length} deployments checked.`,
      '',
    ];
  } finally {
    await knex.destroy();
    await sandbox.stop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      deployments: { type: 'string' },
      queries: { type: 'string' },
      'latency-ms': { type: 'string' },
      'no-refresh': { type: 'boolean' },
    },
  });
  const count = Number(values.deployments ?? 1000);
  const queries = Number(values.queries ?? 200);
  const latencyMs = Number(values['latency-ms'] ?? 20);
  const results = [];

  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    // One connection: each would otherwise open its own in-memory database.
    pool: { min: 1, max: 1 },
  });
  try {
    results.push(await measure(sqlite, 'SQLite (in memory)', count, queries));
  } finally {
    await sqlite.destroy();
  }

  const server =
    process.env.CAMUNDA_ENTRA_BENCH_DATABASE ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  const admin = knexFactory({ client: 'pg', connection: server });
  const name = `camunda_entra_fleet_view_${randomBytes(4).toString('hex')}`;
  let postgres: Knex | undefined;
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    postgres = knexFactory({ client: 'pg', connection: url.toString() });
    const version = await postgres.raw('SHOW server_version');
    results.push(
      await measure(
        postgres,
        `PostgreSQL ${version.rows[0].server_version}`,
        count,
        queries,
      ),
    );
  } catch (error) {
    if (postgres) {
      throw error;
    }
    results.push({
      lines: [
        `PostgreSQL: not measured, none answers at ${server} (${error})`,
        '',
      ],
      worstP95: 0,
    });
  } finally {
    await postgres?.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${name}`).catch(() => {});
    await admin.destroy();
  }

  const refresh = values['no-refresh']
    ? []
    : await measureRefresh(count, latencyMs);
  const worst = Math.max(...results.map(result => result.worstP95));
  process.stdout.write(
    [
      `Fleet view API: ${queries} queries, one after another, through the HTTP router, over ${count} deployments`,
      `in the status cache; pages of 50.`,
      '',
      ...results.flatMap(result => result.lines),
      ...refresh,
      `Worst p95 of a query kind: ${worst.toFixed(
        1,
      )} ms (target under ${TARGET_P95_MS} ms: ${
        worst < TARGET_P95_MS ? 'met' : 'MISSED'
      }).`,
      `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${
        cpus().length
      } cores, Node ${process.version}.`,
      '',
    ].join('\n'),
  );
  if (worst >= TARGET_P95_MS) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
