import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { sandboxDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { parse, stringify } from 'yaml';
import { sandboxEnvironment } from '../__testUtils__/sandboxEnvironment';
import { runRegisterCommand } from './registerCommand';

jest.setTimeout(120_000);

/** Which files (and directories) were fsynced and removed, in order. */
const mockFileEvents: string[] = [];
jest.mock('node:fs/promises', () => {
  const actual = jest.requireActual('node:fs/promises');
  const name = (file: unknown) => require('node:path').basename(String(file));
  return {
    ...actual,
    open: async (file: string, ...rest: unknown[]) => {
      const handle = await actual.open(file, ...rest);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        mockFileEvents.push(`sync ${name(file)}`);
      };
      return handle;
    },
    rm: async (file: string, ...rest: unknown[]) => {
      mockFileEvents.push(`rm ${name(file)}`);
      return actual.rm(file, ...rest);
    },
  };
});

const KILLED_AT = path.resolve(
  __dirname,
  '../__testUtils__/registerKilledAt.js',
);
const CONFIDENTIAL = ['orchestration', 'identity', 'optimize'];

/** `camunda-entra register` killed midway, as in a cancelled pipeline job, then run again. */
describe('camunda-entra register after an interruption', () => {
  let sandbox: EntraSandbox;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  let spec: string;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 15 });
    env = sandboxEnvironment(sandbox);
  });
  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.clearInjectedErrors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-killed-'));
    spec = path.join(dir, 'orders.yaml');
    fs.writeFileSync(
      spec,
      stringify({
        name: 'orders',
        namespace: 'orders',
        chart: '8.8',
        tenant: { id: sandbox.tenantId },
        components: { orchestration: {}, identity: {}, optimize: {} },
        admins: ['bob@example.com'],
      }),
    );
  });

  const journal = () => path.join(dir, '.camunda-entra-orders.journal');

  /** `register` as a child process, which kills itself with SIGKILL at `point`. */
  function runKilledAt(point: string, secretsOut: string) {
    const child = spawn(
      process.execPath,
      [KILLED_AT, point, spec, secretsOut],
      {
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    return new Promise<{ signal: string | null; stderr: string }>(resolve =>
      child.on('exit', (_, signal) => resolve({ signal, stderr })),
    );
  }

  async function run(options: {
    secretsOut?: string;
    dryRun?: boolean;
    journal?: string;
  }) {
    const lines: string[] = [];
    const code = await runRegisterCommand(
      { spec, ...options },
      { stdout: line => lines.push(line), stderr: line => lines.push(line) },
      env,
    );
    return { code, output: lines.join('\n') };
  }

  /** The confidential applications' secrets in Entra, by client. */
  function secretsInEntra() {
    return Object.fromEntries(
      sandbox.admin
        .directory()
        .applications.filter(a => a.uniqueName)
        .map(a => [
          (a.uniqueName as string).replace('camunda-orders-', ''),
          (a.passwordCredentials as Array<{ keyId: string }>).map(c => c.keyId),
        ])
        .filter(([client]) => CONFIDENTIAL.includes(client as string)),
    ) as Record<string, string[]>;
  }

  /** Whether Entra's token endpoint takes the secret for the application. */
  async function signsIn(client: string, secretText: string) {
    const app = sandbox.admin
      .directory()
      .applications.find(a => a.uniqueName === `camunda-orders-${client}`)!;
    const answer = await fetch(
      `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        dispatcher: new Agent({ connect: { ca: sandbox.caPem } }),
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: app.appId as string,
          client_secret: secretText,
          scope: `${app.appId}/.default`,
        }),
      },
    );
    return answer.status === 200;
  }

  /** One valid secret per confidential application, each in the secrets file. */
  async function expectConverged(secretsOut: string) {
    const file = fs.readFileSync(secretsOut, 'utf8');
    const texts = parse(file).stringData as Record<string, string>;
    expect(Object.keys(texts).sort()).toEqual([
      'identity-client-secret',
      'optimize-client-secret',
      'orchestration-cluster-client-secret',
    ]);
    const inEntra = secretsInEntra();
    expect(Object.keys(inEntra).sort()).toEqual([...CONFIDENTIAL].sort());
    for (const [client, keyIds] of Object.entries(inEntra)) {
      expect(keyIds).toHaveLength(1);
      expect(file).toContain(`#   ${client}: keyId ${keyIds[0]},`);
    }
    for (const [key, text] of Object.entries(texts)) {
      const client =
        key === 'orchestration-cluster-client-secret'
          ? 'orchestration'
          : key.replace('-client-secret', '');
      expect(await signsIn(client, text)).toBe(true);
    }
    expect(fs.existsSync(journal())).toBe(false);
  }

  it.each([
    ['accepted:1', 'right after Entra accepted the first secret', 0],
    ['journaled:1', 'after one secret is journaled', 1],
    ['secrets-file', 'after all secrets, before the secrets file', 3],
  ])('converges when killed at %s (%s)', async (point, _, journaled) => {
    const killed = await runKilledAt(point, path.join(dir, 'first.yaml'));
    expect(killed.signal).toBe('SIGKILL');
    expect(fs.existsSync(path.join(dir, 'first.yaml'))).toBe(false);
    expect(fs.statSync(journal()).mode & 0o777).toBe(0o600);
    const leftBehind = Object.values(secretsInEntra()).flat().length;

    const again = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(again.code).toBe(0);
    expect(again.output).toContain('Resuming the interrupted run');
    await expectConverged(path.join(dir, 'second.yaml'));
    const summary = again.output.match(
      /Client secrets: (\d+) added, (\d+) recovered from an interrupted run, 0 kept, (\d+) orphans removed, 0 failed\./,
    );
    expect(summary).not.toBeNull();
    const [added, recovered, removed] = summary!.slice(1).map(Number);
    expect(recovered).toBe(journaled);
    expect(added).toBe(3 - journaled);
    // Each secret the killed run left is delivered or removed.
    expect(recovered + removed).toBe(leftBehind);
  });

  it("keeps the journal when an application's registration failed, so its journaled secret is delivered later", async () => {
    await runKilledAt('secrets-file', path.join(dir, 'first.yaml'));
    const optimize = sandbox.admin
      .directory()
      .applications.find(a => a.uniqueName === 'camunda-orders-optimize')!;
    // Optimize's registration fails on the re-run: its redirect URI changed, the PATCH is refused.
    const edited = parse(fs.readFileSync(spec, 'utf8'));
    edited.components.optimize = { url: 'https://optimize.orders.example.com' };
    fs.writeFileSync(spec, stringify(edited));
    sandbox.admin.injectError({
      status: 403,
      method: 'PATCH',
      pathContains: optimize.id as string,
    });

    const failed = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(failed.code).toBe(2);
    expect(fs.existsSync(journal())).toBe(true);
    sandbox.admin.clearInjectedErrors();

    const again = await run({ secretsOut: path.join(dir, 'third.yaml') });

    expect(again.code).toBe(0);
    expect(again.output).toContain(
      'Client secrets: 0 added, 3 recovered from an interrupted run, 0 kept, 0 orphans removed, 0 failed.',
    );
    await expectConverged(path.join(dir, 'third.yaml'));
  });

  it('removes the orphan a 503 after addPassword left although our clock is ahead of Entra', async () => {
    const realNow = Date.now;
    const ahead = jest
      .spyOn(Date, 'now')
      .mockImplementation(() => realNow() + 10 * 60 * 1000);
    sandbox.admin.injectError({
      status: 503,
      pathContains: 'addPassword',
      afterWrite: true,
    });

    const result = await run({
      secretsOut: path.join(dir, 'secrets.yaml'),
    }).finally(() => ahead.mockRestore());

    expect(result.code).toBe(0);
    await expectConverged(path.join(dir, 'secrets.yaml'));
  });

  it('deletes the journal only once the secrets file and its directory entry are on disk', async () => {
    mockFileEvents.length = 0;

    const result = await run({ secretsOut: path.join(dir, 'secrets.yaml') });

    expect(result.code).toBe(0);
    const removed = mockFileEvents.indexOf('rm .camunda-entra-orders.journal');
    expect(removed).toBeGreaterThan(0);
    const before = mockFileEvents.slice(0, removed);
    expect(before).toContain('sync secrets.yaml');
    expect(before.slice(before.indexOf('sync secrets.yaml'))).toContain(
      `sync ${path.basename(dir)}`,
    );
  });

  it('reports a secrets file it cannot write and keeps the journal for the next run', async () => {
    const failed = await run({
      secretsOut: path.join(dir, 'missing', 'secrets.yaml'),
      journal: journal(),
    });

    expect(failed.code).toBe(2);
    expect(failed.output).toMatch(/secrets-out: .*ENOENT/);
    expect(failed.output).toContain(`Kept ${journal()}`);
    expect(failed.output).not.toMatch(/Wrote \d+ client secrets/);

    const again = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(again.output).toContain('3 recovered from an interrupted run');
    await expectConverged(path.join(dir, 'second.yaml'));
  });

  it('reports an orphan it failed to remove, keeps the journal and removes it on the next run', async () => {
    await runKilledAt('accepted:1', path.join(dir, 'first.yaml'));
    sandbox.admin.injectError({ status: 403, pathContains: 'removePassword' });

    const failed = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(failed.code).toBe(2);
    expect(failed.output).toMatch(/removePassword failed with 403/);
    expect(failed.output).toContain(`Kept ${journal()}`);

    const again = await run({ secretsOut: path.join(dir, 'third.yaml') });

    expect(again.code).toBe(0);
    expect(again.output).toMatch(/ 1 orphans removed, 0 failed\./);
    await expectConverged(path.join(dir, 'third.yaml'));
  });

  it('shows on --dry-run which orphans a re-run would remove, and removes none', async () => {
    await runKilledAt('accepted:1', path.join(dir, 'first.yaml'));
    const orphans = Object.values(secretsInEntra()).flat();
    expect(orphans.length).toBeGreaterThan(0);

    const plan = await run({ dryRun: true, secretsOut: path.join(dir, 'x') });

    expect(plan.code).toBe(0);
    const listed = parse(
      plan.output.split('\n').slice(1).join('\n'),
    ).applications.flatMap((a: any) => a.removeOrphans ?? []);
    expect(listed.sort()).toEqual(orphans.sort());
    expect(Object.values(secretsInEntra()).flat().sort()).toEqual(
      orphans.sort(),
    );
  });

  it('never removes secrets others added, and keeps them instead of adding one', async () => {
    await runKilledAt('accepted:1', path.join(dir, 'first.yaml'));
    const optimize = sandbox.admin
      .directory()
      .applications.find(a => a.uniqueName === 'camunda-orders-optimize')!;
    const theirs = await DefaultEntraDirectory.create(
      resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
    ).addSecret(optimize.id as string, { displayName: 'added by hand' });

    const again = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(again.code).toBe(0);
    expect(again.output).toMatch(/ 2 added, 0 recovered .*, 1 kept, /);
    expect(secretsInEntra().optimize).toEqual([theirs.keyId]);
    expect(
      Object.keys(
        parse(fs.readFileSync(path.join(dir, 'second.yaml'), 'utf8'))
          .stringData,
      ),
    ).not.toContain('optimize-client-secret');
  });

  it('counts a secret that failed, keeps the journal and finishes on the next run', async () => {
    sandbox.admin.injectError({ status: 403, pathContains: 'addPassword' });

    const failed = await run({ secretsOut: path.join(dir, 'first.yaml') });

    expect(failed.code).toBe(2);
    expect(failed.output).toContain(
      'Client secrets: 2 added, 0 recovered from an interrupted run, 0 kept, 0 orphans removed, 1 failed.',
    );
    expect(failed.output).toMatch(/addPassword failed with 403/);
    expect(fs.existsSync(journal())).toBe(true);

    const again = await run({ secretsOut: path.join(dir, 'second.yaml') });

    expect(again.output).toContain(
      'Client secrets: 1 added, 2 recovered from an interrupted run, 0 kept, 0 orphans removed, 0 failed.',
    );
    await expectConverged(path.join(dir, 'second.yaml'));
  });

  it('leaves one secret per confidential application when Graph answers 503 after adding one', async () => {
    sandbox.admin.injectError({
      status: 503,
      count: 3,
      pathContains: 'addPassword',
      afterWrite: true,
    });

    const result = await run({ secretsOut: path.join(dir, 'secrets.yaml') });

    expect(result.code).toBe(0);
    expect(result.output).toContain(
      'Client secrets: 3 added, 0 recovered from an interrupted run, 0 kept, 0 orphans removed, 0 failed.',
    );
    await expectConverged(path.join(dir, 'secrets.yaml'));
  });
});
