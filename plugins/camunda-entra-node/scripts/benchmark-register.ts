/*
 * Registers the guide's six-application deployment against the local Entra sandbox with
 * Graph-like faults (latency, a replication delay, a 429 on every n-th write), in parallel
 * and one application at a time, first run and unchanged re-run, and prints wall time,
 * requests and writes. Run from the repository root:
 *   yarn bench:register [--latency-ms 20] [--replication-delay-ms 1500]
 *                       [--throttle-every-nth-write 7] [--runs 3]
 */
import {
  EntraSandbox,
  EntraSandboxFaults,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DefaultEntraDirectory } from '../src/directory';
import { sandboxDirectory } from '../src/directory/__testUtils__/sandboxDirectory';
import { guideSpec } from '../src/testUtils';

const MODES = [
  'first run, parallel',
  're-run, parallel',
  'first run, one at a time',
  're-run, one at a time',
] as const;
type Mode = (typeof MODES)[number];

interface Measurement {
  ms: number;
  /** HTTP requests, sign-in included; a `$batch` counts once. */
  requests: number;
  /** Graph operations, each item of a `$batch` counted. */
  operations: number;
  writes: number;
  throttled: number;
  created: number;
}

async function measure(
  sandbox: EntraSandbox,
  faults: EntraSandboxFaults,
  register: (directory: DefaultEntraDirectory) => Promise<unknown>,
): Promise<Measurement> {
  // A fresh client per run: its token and connections are part of the cost. The production
  // retry policy, not the tests' short one.
  const directory = sandboxDirectory(sandbox, { retry: {} });
  sandbox.admin.resetCounters();
  // Also restarts the every-n-th-write count, so each run meets the same pattern.
  sandbox.admin.setFaults(faults);
  const started = process.hrtime.bigint();
  await register(directory);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const c = sandbox.admin.counters();
  return {
    ms,
    requests: c.requests,
    operations: c.graphOperations,
    writes: Object.entries(c.byOperation)
      .filter(([name]) => !name.startsWith('GET '))
      .reduce((sum, [, n]) => sum + n, 0),
    throttled: c.byStatus['429'] ?? 0,
    created: Object.values(c.created).reduce((a, b) => a + b, 0),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string' },
      'replication-delay-ms': { type: 'string' },
      'throttle-every-nth-write': { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const faults: EntraSandboxFaults = {
    latencyMs: Number(values['latency-ms'] ?? 20),
    replicationDelayMs: Number(values['replication-delay-ms'] ?? 1500),
    throttleEveryNthWrite: Number(values['throttle-every-nth-write'] ?? 7),
  };
  const runs = Number(values.runs ?? 3);
  const sandbox = await startEntraSandbox({ seed: 1 });
  const spec = guideSpec(sandbox);
  const plans = planEntraApplications(spec);
  const options = { secrets: 'missing' as const };
  const parallel = (d: DefaultEntraDirectory) =>
    d.registerDeployment(spec, options);
  const oneAtATime = async (d: DefaultEntraDirectory) => {
    for (const plan of plans) {
      await d.registerApplication(plan, { ...options, deployment: spec.name });
    }
  };
  // An unchanged re-run finds the first run's objects replicated, as a later run would.
  const settle = () => sleep(faults.replicationDelayMs ?? 0);

  // Warm-up (not measured): loads and compiles every code path once.
  await sandboxDirectory(sandbox).registerDeployment(
    guideSpec(sandbox, 'warmup'),
    options,
  );

  const results = Object.fromEntries(
    MODES.map(mode => [mode, [] as Measurement[]]),
  ) as Record<Mode, Measurement[]>;
  for (let run = 0; run < runs; run++) {
    for (const [first, again, register] of [
      ['first run, parallel', 're-run, parallel', parallel],
      ['first run, one at a time', 're-run, one at a time', oneAtATime],
    ] as const) {
      sandbox.admin.resetDirectory();
      results[first].push(await measure(sandbox, faults, register));
      await settle();
      results[again].push(await measure(sandbox, faults, register));
    }
  }
  await sandbox.stop();

  const columns: Array<[string, (m: Measurement[]) => string]> = [
    ['wall time', m => `${Math.round(median(m.map(x => x.ms)))} ms`],
    ['requests', m => String(median(m.map(x => x.requests)))],
    ['operations', m => String(median(m.map(x => x.operations)))],
    ['writes', m => String(median(m.map(x => x.writes)))],
    ['429s', m => String(median(m.map(x => x.throttled)))],
    ['created', m => String(median(m.map(x => x.created)))],
  ];
  process.stdout.write(
    [
      `Registering ${plans.length} applications (secrets, service principals, admin consent) against the Entra sandbox`,
      `with ${faults.latencyMs} ms latency per request, ${
        faults.replicationDelayMs
      } ms replication delay and ${
        faults.throttleEveryNthWrite
          ? `a 429 (Retry-After: 1) on every ${faults.throttleEveryNthWrite}th write`
          : 'no throttling'
      };`,
      `${runs} runs each, median shown.`,
      'requests: HTTP requests incl. sign-in ($batch once); operations: Graph operations ($batch items each).',
      '',
      `${'mode'.padEnd(26)}${columns
        .map(([name]) => name.padStart(11))
        .join('')}`,
      ...MODES.map(
        mode =>
          `${mode.padEnd(26)}${columns
            .map(([, value]) => value(results[mode]).padStart(11))
            .join('')}`,
      ),
      '',
    ].join('\n'),
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
