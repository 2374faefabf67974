import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { runRegisterCommand } from './registerCommand';

jest.setTimeout(60_000);

describe('camunda-entra register', () => {
  let sandbox: EntraSandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sandbox = await startEntraSandbox();
    env = {
      AZURE_TENANT_ID: sandbox.tenantId,
      AZURE_CLIENT_ID: sandbox.credentials.clientId,
      AZURE_CLIENT_SECRET: sandbox.credentials.clientSecret,
      AZURE_AUTHORITY_HOST: sandbox.authorityHost,
      NODE_EXTRA_CA_CERTS: sandbox.caFile,
    };
  });

  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.resetCounters();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'));
  });

  function writeSpec(overrides: Record<string, unknown> = {}): string {
    const file = path.join(dir, 'spec.yaml');
    fs.writeFileSync(
      file,
      stringify({
        name: 'payments',
        namespace: 'payments-camunda',
        chart: '8.9',
        tenant: { id: sandbox.tenantId },
        components: {
          orchestration: {},
          connectors: {},
          identity: {},
          optimize: {},
          webModeler: {},
          console: {},
        },
        admins: ['alice@example.com'],
        webModeler: { fromAddress: 'noreply@example.com' },
        ...overrides,
      }),
    );
    return file;
  }

  async function run(
    options: Parameters<typeof runRegisterCommand>[0],
    environment = env,
  ) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runRegisterCommand(
      { graphUrl: sandbox.url, ...options },
      { stdout: line => stdout.push(line), stderr: line => stderr.push(line) },
      environment,
    );
    return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
  }

  it('registers, prints the clients block and writes only new secrets, once', async () => {
    const spec = writeSpec();
    const secretsOut = path.join(dir, 'secrets.yaml');

    const first = await run({ spec, secretsOut });

    expect(first.code).toBe(0);
    const { clients } = parse(first.stdout);
    expect(Object.keys(clients)).toEqual([
      'orchestration',
      'identity',
      'optimize',
      'webModelerUi',
      'webModelerApi',
      'console',
    ]);
    const apps = sandbox.admin.directory().applications;
    expect(Object.values(clients).sort()).toEqual(
      apps
        .filter(a => a.uniqueName)
        .map(a => a.appId)
        .sort(),
    );
    expect(fs.statSync(secretsOut).mode & 0o777).toBe(0o600);
    const manifest = parse(fs.readFileSync(secretsOut, 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'entra-credentials', namespace: 'payments-camunda' },
    });
    const secrets = Object.values(manifest.stringData) as string[];
    expect(Object.keys(manifest.stringData).sort()).toEqual([
      'identity-client-secret',
      'optimize-client-secret',
      'orchestration-cluster-client-secret',
      'webmodeler-api-client-secret',
    ]);
    for (const secret of secrets) {
      expect(secret).toHaveLength(40);
      expect(first.stdout + first.stderr).not.toContain(secret);
    }

    sandbox.admin.resetCounters();
    const again = await run({ spec, secretsOut: path.join(dir, 'again.yaml') });
    expect(again.code).toBe(0);
    expect(parse(again.stdout)).toEqual({ clients });
    expect(fs.existsSync(path.join(dir, 'again.yaml'))).toBe(false);
    expect(again.stderr).toContain('No new client secrets');
    expect(sandbox.admin.counters().created).toEqual({
      applications: 0,
      servicePrincipals: 0,
      oauth2PermissionGrants: 0,
      passwordCredentials: 0,
    });
  });

  it('refuses to overwrite the secrets file and registers nothing', async () => {
    const secretsOut = path.join(dir, 'secrets.yaml');
    fs.writeFileSync(secretsOut, 'keep me');

    const result = await run({ spec: writeSpec(), secretsOut });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to overwrite');
    expect(fs.readFileSync(secretsOut, 'utf8')).toBe('keep me');
    expect(sandbox.admin.counters().requests).toBe(0);
  });

  it('prints the plan on --dry-run and changes nothing', async () => {
    const spec = writeSpec();
    const before = await run({ spec, dryRun: true });
    expect(before.code).toBe(0);
    const plan = parse(before.stdout).applications;
    expect(plan.map((a: any) => [a.client, a.action, a.secret])).toEqual([
      ['orchestration', 'create', 'create (180 days)'],
      ['identity', 'create', 'create (180 days)'],
      ['optimize', 'create', 'create (180 days)'],
      ['webModelerUi', 'create', 'none (public client)'],
      ['webModelerApi', 'create', 'create (180 days)'],
      ['console', 'create', 'none (public client)'],
    ]);
    expect(sandbox.admin.counters().created.applications).toBe(0);

    await run({ spec, secretsOut: path.join(dir, 'secrets.yaml') });
    const moved = writeSpec({
      components: {
        orchestration: { url: 'https://camunda.example.com' },
        connectors: {},
        identity: {},
        optimize: {},
        webModeler: {},
        console: {},
      },
    });
    sandbox.admin.resetCounters();
    const after = parse(
      (await run({ spec: moved, dryRun: true })).stdout,
    ).applications;
    expect(after[0]).toMatchObject({
      client: 'orchestration',
      action: 'update',
      changes: ['web.redirectUris'],
      secret: 'keep the existing one',
    });
    expect(after.slice(1).every((a: any) => a.action === 'unchanged')).toBe(
      true,
    );
    expect(sandbox.admin.counters().byStatus['204']).toBeUndefined();
  });

  it('reports every spec problem and contacts nobody', async () => {
    const result = await run({
      spec: writeSpec({ chart: '8.7', components: { optimize: {} } }),
      secretsOut: path.join(dir, 'secrets.yaml'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('chart: must be "8.8" or "8.9"');
    expect(result.stderr).toContain(
      'components.optimize: needs Management Identity',
    );
    expect(sandbox.admin.counters().requests).toBe(0);
  });

  it('refuses credentials for another tenant than the spec names', async () => {
    const result = await run(
      { spec: writeSpec(), secretsOut: path.join(dir, 'secrets.yaml') },
      { ...env, AZURE_TENANT_ID: '00000000-0000-4000-8000-000000000001' },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not AZURE_TENANT_ID');
  });

  it('fails with exit code 2 and names the component on a permanent Graph error', async () => {
    sandbox.admin.injectError({
      status: 403,
      pathContains: 'camunda-payments-optimize',
    });
    const secretsOut = path.join(dir, 'secrets.yaml');
    const result = await run({ spec: writeSpec(), secretsOut });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /optimize: PATCH \/applications\(uniqueName='camunda-payments-optimize'\) failed with 403/,
    );
    // The other applications' secrets are not lost.
    expect(
      Object.keys(parse(fs.readFileSync(secretsOut, 'utf8')).stringData),
    ).toHaveLength(3);
    expect(parse(result.stdout).clients.optimize).toBeUndefined();
  });
});
