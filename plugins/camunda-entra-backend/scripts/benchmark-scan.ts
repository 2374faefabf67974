/*
 * Seeds 6,000 applications for 1,000 deployments (four secrets each) in the Entra sandbox,
 * then runs one secret expiry scan through the real directory client against a catalog of
 * the 1,000 deployment entities, and prints Graph requests, wall time and CPU time. Run from
 * the repository root: yarn bench:scan [--deployments 1000] [--latency-ms 20]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import knexFactory from 'knex';
import { parseArgs } from 'node:util';
import { deploymentEntity } from '../src/__testUtils__/entities';
import { sandboxDirectoryConfig } from '../src/__testUtils__/sandboxDirectory';
import { DatabaseRequestStore } from '../src/database';
import { ExpiryNotificationLedger, SecretExpiryScanner } from '../src/scan';
import { seedSandboxApplications } from './seedSandboxApplications';

async function main() {
  const { values } = parseArgs({
    options: {
      deployments: { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  const count = Number(values.deployments ?? 1000);
  const latencyMs = Number(values['latency-ms'] ?? 20);
  // Seeding writes 10,000 objects at once; Graph's write budget would take minutes for it.
  const unlimited = { limit: 1_000_000, windowSeconds: 1 };
  const sandbox = await startEntraSandbox({
    seed: 1,
    throttling: { appWrites: unlimited, tenantRequests: unlimited },
  });
  const seedStarted = Date.now();
  const deployments = await seedSandboxApplications(sandbox, count, 180);
  const seedMs = Date.now() - seedStarted;

  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const database = mockServices.database({ knex });
  await DatabaseRequestStore.create({ database });
  const ledger = await ExpiryNotificationLedger.create({ database });
  let notified = 0;
  const scanner = () =>
    SecretExpiryScanner.create({
      directory: DefaultEntraDirectory.create(
        resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
      ),
      catalog: catalogServiceMock({
        entities: deployments.map(d =>
          deploymentEntity({
            deployment: d.deployment,
            tenantId: sandbox.tenantId,
            clients: d.clients,
            owner: 'group:default/platform-team',
          }),
        ),
      }),
      auth: mockServices.auth(),
      notifications: {
        send: async () => {
          notified += 1;
        },
      },
      ledger,
      thresholds: { warningDays: 30, criticalDays: 7 },
      logger: mockServices.rootLogger({ level: 'warn' }),
      // run() is called directly; nothing is scheduled.
      scheduler: undefined as never,
      schedule: { frequency: { hours: 6 }, timeout: { minutes: 10 } },
    });

  // Warm-up (not measured): loads and compiles every code path once.
  await scanner().run();
  sandbox.admin.setFaults({ latencyMs });
  sandbox.admin.resetCounters();
  const measured = scanner();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await measured.run();
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const counters = sandbox.admin.counters();
  await sandbox.stop();
  await knex.destroy();

  const applications = count * 6;
  process.stdout.write(
    [
      `Secret expiry scan of ${applications} applications (${count} deployments, ${
        count * 4
      } secrets) against the Entra sandbox,`,
      `${latencyMs} ms latency per request, a fresh client (sign-in included); seeding took ${seedMs} ms.`,
      '',
      `Graph requests          ${counters.graphRequests} (${
        counters.byOperation['GET applications'] ?? 0
      } pages of GET /applications)`,
      `all requests            ${counters.requests} (sign-in included)`,
      `wall time               ${Math.round(wallMs)} ms`,
      `CPU time                ${Math.round(
        (cpu.user + cpu.system) / 1000,
      )} ms (scanner and the in-process sandbox together)`,
      `notifications sent      ${notified}`,
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
