/*
 * Seeds 6,000 applications for 1,000 deployments (four secrets each) in the Entra sandbox,
 * then runs one secret expiry scan through the real directory client against a catalog of
 * the 1,000 deployment entities, and prints Graph requests, wall time and CPU time. Run from
 * the repository root: yarn bench:scan [--deployments 1000] [--latency-ms 20]
 */
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExpiryNotificationLedger } from '../src/database/ExpiryNotificationLedger';
import { SecretExpiryScanner } from '../src/scan/SecretExpiryScanner';
import { startSeededSandbox } from './seedSandboxApplications';

async function main() {
  const seeded = await startSeededSandbox(1000);
  const { sandbox, count, latencyMs, seedMs } = seeded;
  const ledger = await ExpiryNotificationLedger.create({
    database: seeded.database,
  });
  let notified = 0;
  const scanner = () =>
    SecretExpiryScanner.create({
      directory: seeded.directory(),
      catalog: catalogServiceMock({ entities: seeded.entities }),
      auth: mockServices.auth(),
      notifications: {
        send: async () => {
          notified += 1;
        },
      },
      ledger,
      thresholds: seeded.thresholds,
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
  await seeded.stop();

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
