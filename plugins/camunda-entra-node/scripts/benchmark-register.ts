/*
 * Registers the guide's six-application deployment against the local Entra sandbox with
 * Graph-like faults (latency, a replication delay, a 429 on every n-th write) and prints wall
 * time, requests and writes of each way to do it, first run and unchanged re-run: a
 * straightforward parallel implementation (the yardstick, straightforwardRegistration.cjs, in
 * process and as its own process), the directory client in process (in parallel and one
 * application at a time), and the `camunda-entra register` command as a process, installed
 * from its packed package and run inside the workspace. Run from the repository root:
 *   yarn bench:register [--latency-ms 20] [--replication-delay-ms 1500]
 *                       [--throttle-every-nth-write 7] [--runs 3] [--no-consent]
 *                       [--no-cli] [--cli-dir <dir>]
 * --no-consent registers without admin consent; --cli-dir keeps the installed CLI there (built
 * and installed once, reused when present).
 */
import {
  EntraSandbox,
  EntraSandboxFaults,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { DefaultEntraDirectory } from '../src/directory';
import { sandboxDirectory } from '../src/directory/__testUtils__/sandboxDirectory';
import { guideSpec } from '../src/testUtils';
import { installCli, workspaceCliBin } from './installedCli';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  applicationManifest,
  SIGN_IN_SCOPES,
} from '../src/directory/applicationManifest';

// Plain JavaScript, so that it also runs as its own process without a transform.
const STRAIGHTFORWARD = path.join(__dirname, 'straightforwardRegistration.cjs');
const { registerStraightforwardly } = require(STRAIGHTFORWARD);

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

/** One way to register: its first run and, when it has one, its unchanged re-run. */
interface Contender {
  name: string;
  first: () => Promise<unknown>;
  again?: () => Promise<unknown>;
}

async function measure(
  sandbox: EntraSandbox,
  faults: EntraSandboxFaults,
  register: () => Promise<unknown>,
): Promise<Measurement> {
  sandbox.admin.resetCounters();
  // Also restarts the every-n-th-write count, so each run meets the same pattern.
  sandbox.admin.setFaults(faults);
  const started = process.hrtime.bigint();
  await register();
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

/** What points a process at the sandbox's automation identity. */
function sandboxEnvironment(sandbox: EntraSandbox): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    AZURE_TENANT_ID: sandbox.tenantId,
    AZURE_CLIENT_ID: sandbox.credentials.clientId,
    AZURE_CLIENT_SECRET: sandbox.credentials.clientSecret,
    AZURE_AUTHORITY_HOST: sandbox.authorityHost,
    CAMUNDA_ENTRA_GRAPH_URL: sandbox.url,
    NODE_EXTRA_CA_CERTS: sandbox.caFile,
  };
}

/** Runs a command to its end; rejects unless it exits 0. */
function runProcess(command: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), {
      cwd,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`${command.join(' ')} exited ${code}:\n${stderr}`)),
    );
  });
}

/** `camunda-entra register` against the sandbox, as its own process. */
function cliRunner(
  sandbox: EntraSandbox,
  command: string[],
  folder: string,
  specFile: string,
  consent: boolean,
) {
  return () =>
    runProcess(
      [
        ...command,
        'register',
        '--spec',
        specFile,
        '--secrets-out',
        // A new folder per run: register never overwrites a secrets file.
        path.join(fs.mkdtempSync(path.join(folder, 'run-')), 'secrets.yaml'),
        ...(consent ? ['--admin-consent'] : []),
      ],
      folder,
      sandboxEnvironment(sandbox),
    );
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${
    process.version
  }, ${os.platform()} ${os.arch()}`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string' },
      'replication-delay-ms': { type: 'string' },
      'throttle-every-nth-write': { type: 'string' },
      runs: { type: 'string' },
      'cli-dir': { type: 'string' },
      'no-cli': { type: 'boolean' },
      'no-consent': { type: 'boolean' },
    },
  });
  const faults: EntraSandboxFaults = {
    latencyMs: Number(values['latency-ms'] ?? 20),
    replicationDelayMs: Number(values['replication-delay-ms'] ?? 1500),
    throttleEveryNthWrite: Number(values['throttle-every-nth-write'] ?? 7),
  };
  const runs = Number(values.runs ?? 3);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-register-'));
  const cliBin = values['no-cli']
    ? undefined
    : installCli(values['cli-dir'] ?? path.join(folder, 'installed'));

  const sandbox = await startEntraSandbox({ seed: 1 });
  const spec = guideSpec(sandbox);
  const plans = planEntraApplications(spec);
  const options = { secrets: 'missing' as const };
  // A fresh client per run: its token and connections are part of the cost. The production
  // retry policy, not the tests' short one.
  const consent = !values['no-consent'];
  const directory = () =>
    sandboxDirectory(sandbox, { retry: {}, grantAdminConsent: consent });
  const parallel = () => directory().registerDeployment(spec, options);
  const oneAtATime = async () => {
    const d: DefaultEntraDirectory = directory();
    for (const plan of plans) {
      await d.registerApplication(plan, { ...options, deployment: spec.name });
    }
  };
  const specFile = path.join(folder, 'spec.yaml');
  fs.writeFileSync(specFile, stringify(spec));
  const workspaceBin = cliBin && workspaceCliBin();
  const straightforwardInput = path.join(folder, 'straightforward.json');
  fs.writeFileSync(
    straightforwardInput,
    JSON.stringify({
      tenant: {
        tenantId: sandbox.tenantId,
        authorityHost: sandbox.authorityHost,
        url: sandbox.url,
        ...sandbox.credentials,
      },
      applications: plans.map(plan => ({
        manifest: applicationManifest(plan, { deployment: spec.name }),
        uniqueName: plan.uniqueName,
        needsSecret: plan.needsSecret,
      })),
      ...(consent && { consentScope: Object.keys(SIGN_IN_SCOPES).join(' ') }),
    }),
  );
  const trusting = new Agent({ connect: { ca: sandbox.caPem } });

  const contenders: Contender[] = [
    {
      name: 'straightforward, in process',
      first: () =>
        registerStraightforwardly(
          JSON.parse(fs.readFileSync(straightforwardInput, 'utf8')),
          (url: string, init: object) =>
            undiciFetch(url, { ...init, dispatcher: trusting }),
        ),
    },
    {
      name: 'straightforward, own process',
      first: () =>
        runProcess(
          ['node', STRAIGHTFORWARD, straightforwardInput],
          folder,
          sandboxEnvironment(sandbox),
        ),
    },
    { name: 'in process, parallel', first: parallel, again: parallel },
    { name: 'in process, one at a time', first: oneAtATime, again: oneAtATime },
    ...(cliBin
      ? [
          {
            name: 'installed CLI',
            first: cliRunner(sandbox, [cliBin], folder, specFile, consent),
            again: cliRunner(sandbox, [cliBin], folder, specFile, consent),
          },
        ]
      : []),
    ...(workspaceBin
      ? [
          {
            name: 'workspace CLI',
            first: cliRunner(
              sandbox,
              ['node', workspaceBin],
              folder,
              specFile,
              consent,
            ),
            again: cliRunner(
              sandbox,
              ['node', workspaceBin],
              folder,
              specFile,
              consent,
            ),
          },
        ]
      : []),
  ];
  // An unchanged re-run finds the first run's objects replicated, as a later run would.
  const settle = () => sleep(faults.replicationDelayMs ?? 0);

  // Warm-up (not measured): loads and compiles every code path once.
  await sandboxDirectory(sandbox).registerDeployment(
    guideSpec(sandbox, 'warmup'),
    options,
  );

  const results = new Map<string, Measurement[]>();
  const record = (mode: string, m: Measurement) =>
    results.set(mode, [...(results.get(mode) ?? []), m]);
  for (let run = 0; run < runs; run++) {
    for (const contender of contenders) {
      sandbox.admin.resetDirectory();
      record(
        `${contender.name}, first run`,
        await measure(sandbox, faults, contender.first),
      );
      if (contender.again) {
        await settle();
        record(
          `${contender.name}, re-run`,
          await measure(sandbox, faults, contender.again),
        );
      }
    }
  }
  await sandbox.stop();
  await trusting.close();
  fs.rmSync(folder, { recursive: true, force: true });

  // Processes (start-up included) against the yardstick's process, the rest against it in process.
  const isProcess = (mode: string) => /CLI|own process/.test(mode);
  const yardstick = (mode: string) =>
    median(
      results
        .get(
          `straightforward, ${
            isProcess(mode) ? 'own process' : 'in process'
          }, first run`,
        )!
        .map(m => m.ms),
    );
  const columns: Array<[string, (m: Measurement[], mode: string) => string]> = [
    ['wall time', m => `${Math.round(median(m.map(x => x.ms)))} ms`],
    ['requests', m => String(median(m.map(x => x.requests)))],
    ['operations', m => String(median(m.map(x => x.operations)))],
    ['writes', m => String(median(m.map(x => x.writes)))],
    ['429s', m => String(median(m.map(x => x.throttled)))],
    ['created', m => String(median(m.map(x => x.created)))],
    [
      'ratio',
      (m, mode) =>
        `${(median(m.map(x => x.ms)) / yardstick(mode)).toFixed(2)}x`,
    ],
  ];
  const width = Math.max(...[...results.keys()].map(mode => mode.length)) + 2;
  process.stdout.write(
    [
      `Registering ${plans.length} applications (secrets, service principals${
        consent ? ', admin consent' : ''
      }) against the Entra sandbox`,
      `with ${faults.latencyMs} ms latency per request, ${
        faults.replicationDelayMs
      } ms replication delay and ${
        faults.throttleEveryNthWrite
          ? `a 429 (Retry-After: 1) on every ${faults.throttleEveryNthWrite}th write`
          : 'no throttling'
      };`,
      `${runs} runs each, median shown; ratio: wall time against the straightforward first run`,
      '(processes against its own process, start-up included; the rest against it in process).',
      'requests: HTTP requests incl. sign-in ($batch once); operations: Graph operations ($batch items each).',
      'CLI rows time the whole process (start-up included).',
      `Machine: ${machine()}.`,
      '',
      `${'mode'.padEnd(width)}${columns
        .map(([name]) => name.padStart(11))
        .join('')}`,
      ...[...results].map(
        ([mode, m]) =>
          `${mode.padEnd(width)}${columns
            .map(([, value]) => value(m, mode).padStart(11))
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
