import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import fs from 'node:fs';
import net, { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { parse, stringify } from 'yaml';
import { sandboxEnvironment } from '../__testUtils__/sandboxEnvironment';
import { runRegisterCommand } from './registerCommand';

jest.setTimeout(60_000);

/** A TCP listener that counts every connection, so an HTTP or TLS attempt is seen too. */
async function startRecordingListener() {
  let connections = 0;
  const server = net.createServer(socket => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('camunda-entra register', () => {
  let sandbox: EntraSandbox;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sandbox = await startEntraSandbox();
    env = sandboxEnvironment(sandbox);
  });

  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.resetCounters();
    sandbox.admin.clearInjectedErrors();
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
      options,
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

  describe('credentials', () => {
    let listener: Awaited<ReturnType<typeof startRecordingListener>>;
    // The automation identity without any endpoint of its own.
    let identity: NodeJS.ProcessEnv;

    beforeAll(async () => {
      listener = await startRecordingListener();
      const {
        AZURE_AUTHORITY_HOST: _authority,
        CAMUNDA_ENTRA_GRAPH_URL: _graph,
        ...rest
      } = env;
      identity = rest;
    });

    afterAll(() => listener.close());

    function specNaming(scheme: 'https' | 'http', origin: string) {
      return writeSpec({
        tenant: {
          id: sandbox.tenantId,
          authorityHost: `${scheme}://${origin}`,
          graphUrl: `${scheme}://${origin}`,
        },
      });
    }

    function expectNothingSent(result: { stdout: string; stderr: string }) {
      expect(listener.connections()).toBe(0);
      expect(sandbox.admin.counters().requests).toBe(0);
      expect(result.stdout + result.stderr).not.toContain(
        sandbox.credentials.clientSecret,
      );
    }

    it.each(['https', 'http'] as const)(
      'never go to the hosts a spec names (%s)',
      async scheme => {
        const result = await run(
          {
            spec: specNaming(scheme, listener.origin),
            secretsOut: path.join(dir, 'secrets.yaml'),
          },
          identity,
        );

        expect(result.code).toBe(1);
        expectNothingSent(result);
      },
    );

    it('do not follow a spec to its hosts even when the command line names others', async () => {
      const result = await run({
        spec: specNaming('https', listener.origin),
        secretsOut: path.join(dir, 'secrets.yaml'),
        authorityHost: sandbox.authorityHost,
        graphUrl: sandbox.url,
      });

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `tenant.authorityHost: the spec names https://${listener.origin}, but credentials go only to ${sandbox.authorityHost} (--authority-host); if you trust https://${listener.origin}, pass --authority-host https://${listener.origin} or set AZURE_AUTHORITY_HOST`,
      );
      expect(result.stderr).toContain(
        `pass --graph-url https://${listener.origin} or set CAMUNDA_ENTRA_GRAPH_URL`,
      );
      expectNothingSent(result);
    });

    it("refuse a sandbox spec without the flags rather than go to the cloud's hosts", async () => {
      const result = await run(
        {
          spec: specNaming('https', new URL(sandbox.url).host),
          secretsOut: path.join(dir, 'secrets.yaml'),
        },
        identity,
      );

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `credentials go only to https://login.microsoftonline.com (the global cloud's); if you trust ${sandbox.authorityHost}, pass --authority-host ${sandbox.authorityHost}`,
      );
      expectNothingSent(result);
    });

    it('go to the hosts given by --authority-host and --graph-url', async () => {
      const result = await run(
        {
          spec: specNaming('https', new URL(sandbox.url).host),
          secretsOut: path.join(dir, 'secrets.yaml'),
          authorityHost: `${sandbox.authorityHost}/`,
          graphUrl: `${sandbox.url}/v1.0/`,
        },
        identity,
      );

      expect(result.code).toBe(0);
      expect(Object.keys(parse(result.stdout).clients)).toHaveLength(6);
      expect(sandbox.admin.counters().tokenRequests).toBeGreaterThan(0);
      expect(listener.connections()).toBe(0);
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
    expect(result.stderr).toContain('chart: must be "8.8", "8.9" or "8.10"');
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

  it('says no secret was written, not that every client has one, when every registration fails', async () => {
    sandbox.admin.injectError({
      status: 403,
      pathContains: 'uniqueName',
      count: 1000,
    });
    const secretsOut = path.join(dir, 'nothing.yaml');
    const result = await run({ spec: writeSpec(), secretsOut });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `No client secrets were written to ${secretsOut}: registration failed`,
    );
    expect(result.stderr).not.toContain('already has one');
    expect(fs.existsSync(secretsOut)).toBe(false);
  });

  describe('machine clients', () => {
    const worker = 'payments-worker';

    async function registerWithWorker() {
      const secretsOut = path.join(dir, 'secrets.yaml');
      const result = await run({
        spec: writeSpec({
          components: { orchestration: {} },
          machineClients: [
            {
              name: worker,
              authorizations: [
                {
                  resourceType: 'PROCESS_DEFINITION',
                  resourceId: '*',
                  permissions: ['READ_PROCESS_DEFINITION'],
                },
              ],
            },
          ],
        }),
        secretsOut,
      });
      expect(result.code).toBe(0);
      return {
        clients: parse(result.stdout).clients,
        secrets: parse(fs.readFileSync(secretsOut, 'utf8')).stringData,
      };
    }

    async function clientCredentialsClaims(form: Record<string, string>) {
      const response = await fetch(
        `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
        {
          method: 'POST',
          dispatcher: new Agent({ connect: { ca: sandbox.caPem } }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            ...form,
          }).toString(),
        },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as { access_token: string };
      const payload = body.access_token.split('.')[1];
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    }

    it('registers a confidential application each and prints its ID under clients.machine', async () => {
      const { clients, secrets } = await registerWithWorker();

      expect(Object.keys(clients)).toEqual(['orchestration', 'machine']);
      const application = sandbox.admin
        .directory()
        .applications.find(app => app.appId === clients.machine[worker])!;
      expect(application).toMatchObject({
        uniqueName: 'camunda-payments-machine-payments-worker',
        displayName: 'Camunda payments machine client payments-worker',
        web: { redirectUris: [] },
        spa: { redirectUris: [] },
        api: { requestedAccessTokenVersion: 2 },
      });
      expect(application.tags).toContain(
        'camunda-entra:client:machine.payments-worker',
      );
      expect(Object.keys(secrets).sort()).toEqual([
        'machine-payments-worker-client-secret',
        'orchestration-cluster-client-secret',
      ]);
    });

    it("obtain v2 client-credentials tokens whose audience is the Orchestration Cluster's client ID", async () => {
      const { clients, secrets } = await registerWithWorker();

      const claims = await clientCredentialsClaims({
        client_id: clients.machine[worker],
        client_secret: secrets['machine-payments-worker-client-secret'],
        // The audience the values configure for the Orchestration Cluster is this client ID.
        scope: `${clients.orchestration}/.default`,
      });

      expect(claims).toMatchObject({
        aud: clients.orchestration,
        azp: clients.machine[worker],
        ver: '2.0',
      });
    });
  });
});
