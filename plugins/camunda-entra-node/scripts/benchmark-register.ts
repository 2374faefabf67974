/*
 * Registers the guide's six-application deployment against the local Entra sandbox with
 * injected latency, in parallel and one application at a time, and prints wall time and
 * request counts. Run from the repository root: yarn bench:register [--latency-ms 100] [--runs 3]
 */
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { parseArgs } from 'node:util';
import { DefaultEntraDirectory } from '../src/directory';
import {
  guideSpec,
  sandboxDirectory,
} from '../src/directory/__testUtils__/sandboxDirectory';

type Mode = 'parallel' | 'one at a time' | 'second run (parallel)';

interface Measurement {
  ms: number;
  requests: number;
  created: number;
}

async function measure(
  sandbox: EntraSandbox,
  register: (directory: DefaultEntraDirectory) => Promise<unknown>,
): Promise<Measurement> {
  // A fresh client per run: its token and connections are part of the cost.
  const directory = sandboxDirectory(sandbox);
  sandbox.admin.resetCounters();
  const started = process.hrtime.bigint();
  await register(directory);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const counters = sandbox.admin.counters();
  const created = Object.values(counters.created).reduce((a, b) => a + b, 0);
  return { ms, requests: counters.requests, created };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { values } = parseArgs({
    options: { 'latency-ms': { type: 'string' }, runs: { type: 'string' } },
  });
  const latencyMs = Number(values['latency-ms'] ?? 100);
  const runs = Number(values.runs ?? 3);
  const sandbox = await startEntraSandbox({ seed: 1 });
  const spec = guideSpec(sandbox);
  const plans = planEntraApplications(spec);
  const options = { secrets: 'missing' as const };

  // Warm-up (not measured): loads and compiles every code path once.
  await sandboxDirectory(sandbox).registerDeployment(
    guideSpec(sandbox, 'warmup'),
    options,
  );
  sandbox.admin.setFaults({ latencyMs });

  const results: Record<Mode, Measurement[]> = {
    parallel: [],
    'one at a time': [],
    'second run (parallel)': [],
  };
  for (let run = 0; run < runs; run++) {
    sandbox.admin.resetDirectory();
    results.parallel.push(
      await measure(sandbox, d => d.registerDeployment(spec, options)),
    );
    results['second run (parallel)'].push(
      await measure(sandbox, d => d.registerDeployment(spec, options)),
    );
    sandbox.admin.resetDirectory();
    results['one at a time'].push(
      await measure(sandbox, async d => {
        for (const plan of plans) {
          await d.registerApplication(plan, {
            ...options,
            deployment: spec.name,
          });
        }
      }),
    );
  }
  await sandbox.stop();

  // discovery + token, then PATCH upsert, then the longer branch: service principal + consent.
  const chain = 5;
  process.stdout.write(
    [
      `Registering ${plans.length} applications (secrets, service principals, admin consent) against the Entra sandbox`,
      `with ${latencyMs} ms latency per request; ${runs} runs each, median shown.`,
      `Longest dependency chain: ${chain} requests = ${
        chain * latencyMs
      } ms of latency.`,
      '',
      `${'mode'.padEnd(24)}${'wall time'.padStart(12)}${'requests'.padStart(
        10,
      )}${'objects created'.padStart(17)}`,
      ...(Object.keys(results) as Mode[]).map(mode => {
        const m = results[mode];
        return `${mode.padEnd(24)}${`${Math.round(
          median(m.map(x => x.ms)),
        )} ms`.padStart(12)}${String(median(m.map(x => x.requests))).padStart(
          10,
        )}${String(median(m.map(x => x.created))).padStart(17)}`;
      }),
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
