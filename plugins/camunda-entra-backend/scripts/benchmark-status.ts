/*
 * Seeds 100 deployments (six applications each) in the Entra sandbox and reads the status
 * of each deployment's catalog entity through EntityStatusService, what
 * GET /api/camunda-entra/status serves, twice: cold (a directory read) and cached; prints
 * p50/p95 and Graph requests of each. Run from the repository root:
 *   yarn bench:status [--deployments 100] [--latency-ms 20]
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { deploymentEntityName } from '@camunda-entra/plugin-camunda-entra-common';
import { EntityStatusService } from '../src/status/EntityStatusService';
import { startSeededSandbox } from './seedSandboxApplications';

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)
  ];

async function main() {
  const seeded = await startSeededSandbox(100);
  const { sandbox, deployments, latencyMs } = seeded;
  const service = EntityStatusService.create({
    catalog: catalogServiceMock({ entities: seeded.entities }),
    permissions: mockServices.permissions(),
    directory: seeded.directory(),
    store: seeded.store,
    cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
      'camunda-entra',
    ),
    monitoring: { secretExpiry: seeded.thresholds, statusCacheTtlMs: 60_000 },
  });
  const credentials = mockCredentials.user();
  const refs = deployments.map(
    d => `component:default/${deploymentEntityName(d.deployment)}`,
  );
  // Warm-up (not measured): sign-in, connections and code paths, on a deployment of its own.
  await service.getStatus(refs[0], credentials);
  sandbox.admin.setFaults({ latencyMs });

  const pass = async (targets: string[]) => {
    sandbox.admin.resetCounters();
    const times: number[] = [];
    for (const ref of targets) {
      const started = process.hrtime.bigint();
      await service.getStatus(ref, credentials);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const counters = sandbox.admin.counters();
    return { times, requests: counters.graphRequests };
  };
  const targets = refs.slice(1);
  const cold = await pass(targets);
  const cached = await pass(targets);
  await seeded.stop();

  const row = (name: string, m: typeof cold) =>
    `${name.padEnd(10)}${`${percentile(m.times, 50).toFixed(1)} ms`.padStart(
      11,
    )}${`${percentile(m.times, 95).toFixed(1)} ms`.padStart(11)}${(
      m.requests / targets.length
    )
      .toFixed(1)
      .padStart(20)}`;
  process.stdout.write(
    [
      `Status of ${targets.length} deployments (six applications each), one after another, through`,
      `EntityStatusService.getStatus against the Entra sandbox with ${latencyMs} ms latency per request.`,
      '',
      `${'read'.padEnd(10)}${'p50'.padStart(11)}${'p95'.padStart(
        11,
      )}${'Graph requests each'.padStart(20)}`,
      row('cold', cold),
      row('cached', cached),
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
