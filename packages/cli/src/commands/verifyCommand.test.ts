import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Agent, fetch } from 'undici';
import { parse, stringify } from 'yaml';
import { createClientTokenEndpoint } from '@camunda-entra/plugin-camunda-entra-node';
import { sandboxEnvironment } from '../__testUtils__/sandboxEnvironment';
import { runRegisterCommand } from './registerCommand';
import { runVerifyCommand } from './verifyCommand';

jest.setTimeout(60_000);

/** A machine client as a spec names it, allowed to read process definitions. */
const CI_MACHINE_CLIENT = {
  name: 'ci',
  authorizations: [
    {
      resourceType: 'PROCESS_DEFINITION',
      resourceId: '*',
      permissions: ['READ_PROCESS_DEFINITION'],
    },
  ],
};

describe('camunda-entra verify', () => {
  let sandbox: EntraSandbox;
  let env: NodeJS.ProcessEnv;
  let agent: Agent;
  let dir: string;
  let spec: string;
  let secrets: string;
  let clients: Record<string, unknown> & {
    orchestration: string;
    machine: Record<string, string>;
  };

  beforeAll(async () => {
    sandbox = await startEntraSandbox();
    env = sandboxEnvironment(sandbox);
    agent = new Agent({ connect: { ca: sandbox.caPem } });
  });

  afterAll(async () => {
    await agent.close();
    await sandbox.stop();
  });

  const baseSpec = () => ({
    name: 'payments',
    namespace: 'payments-camunda',
    chart: '8.9',
    tenant: {
      id: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    },
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
    machineClients: [CI_MACHINE_CLIENT],
  });

  async function run(
    command: typeof runVerifyCommand | typeof runRegisterCommand,
    options: Record<string, unknown>,
    environment = env,
  ) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await command(
      options as never,
      { stdout: line => stdout.push(line), stderr: line => stderr.push(line) },
      environment,
    );
    return { code, stdout, stderr, all: [...stdout, ...stderr].join('\n') };
  }

  const verify = (options: Record<string, unknown> = {}, environment = env) =>
    run(runVerifyCommand, { spec, secrets, ...options }, environment);

  /** Registers the spec's applications and writes the spec with its clients. */
  beforeEach(async () => {
    sandbox.admin.resetDirectory();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    const bare = path.join(dir, 'bare.yaml');
    fs.writeFileSync(bare, stringify(baseSpec()));
    secrets = path.join(dir, 'secrets.yaml');
    const registered = await run(runRegisterCommand, {
      spec: bare,
      secretsOut: secrets,
    });
    if (registered.code !== 0) {
      throw new Error(`register failed: ${registered.stderr.join('\n')}`);
    }
    clients = parse(registered.stdout.join('\n')).clients;
    spec = path.join(dir, 'spec.yaml');
    fs.writeFileSync(spec, stringify({ ...baseSpec(), clients }));
  });

  function application(appId: string) {
    const found = sandbox.admin
      .directory()
      .applications.find(a => a.appId === appId);
    if (!found) {
      throw new Error(`no application ${appId} in the sandbox`);
    }
    return found as typeof found & {
      id: string;
      web: { redirectUris: string[] };
      passwordCredentials: Array<{ keyId: string }>;
    };
  }

  /** Edits the directory as an administrator would, through Microsoft Graph. */
  async function graph(method: string, url: string, body?: unknown) {
    const token = await createClientTokenEndpoint({
      authorityHost: sandbox.authorityHost,
      tenantId: sandbox.tenantId,
      ca: sandbox.caPem,
    }).clientCredentials({
      ...sandbox.credentials,
      scope: `${sandbox.url}/.default`,
    });
    if (!('accessToken' in token)) {
      throw new Error(`no Graph token: ${token.description}`);
    }
    const response = await fetch(`${sandbox.url}/v1.0${url}`, {
      method,
      dispatcher: agent,
      headers: {
        authorization: `Bearer ${token.accessToken}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
  }

  function secretTexts(): string[] {
    return Object.values(
      parse(fs.readFileSync(secrets, 'utf8')).stringData,
    ) as string[];
  }

  it.each(['8.8', '8.9'])(
    'passes right after register on chart line %s, printing no secret',
    async chart => {
      fs.writeFileSync(spec, stringify({ ...baseSpec(), chart, clients }));

      const result = await verify();

      expect(result.stderr).toEqual([]);
      expect(result.stdout).toEqual([
        expect.stringMatching(
          /^Sign-in of payments verified: \d+ checks passed\.$/,
        ),
      ]);
      expect(result.code).toBe(0);
      // 7 applications: existence, redirect URIs, token version; 5 platforms; 5 secrets;
      // the tokens of Connectors and the machine client.
      expect(result.stdout[0]).toContain(' 33 checks ');
      for (const secret of secretTexts()) {
        expect(result.all).not.toContain(secret);
      }
    },
  );

  it('fails with one line after a redirect URI is edited in Entra', async () => {
    const optimize = application(clients.optimize as string);
    const edited = 'http://localhost:8083/api/authentication/callbacks';
    await graph('PATCH', `/applications/${optimize.id}`, {
      web: { redirectUris: [edited] },
    });

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([
      `optimize: redirect URIs differ from those the values configure: http://localhost:8083/api/authentication/callback missing (sign-in there fails with AADSTS50011); ${edited} registered but not configured`,
      expect.stringMatching(
        /^Sign-in of payments NOT verified: 1 problem in 33 checks\.$/,
      ),
    ]);
  });

  it('fails with one line after a delivered secret is removed in Entra', async () => {
    const ci = application(clients.machine.ci);
    await graph('POST', `/applications/${ci.id}/removePassword`, {
      keyId: ci.passwordCredentials[0].keyId,
    });

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([
      expect.stringMatching(
        new RegExp(
          `^machine\\.ci: its delivered secret obtains no token for ${clients.orchestration}/\\.default: .+ \\(AADSTS7000215\\)$`,
        ),
      ),
      expect.stringContaining('NOT verified: 1 problem in'),
    ]);
    for (const secret of secretTexts()) {
      expect(result.all).not.toContain(secret);
    }
  });

  it('never prints a wrong secret it was given', async () => {
    const manifest = parse(fs.readFileSync(secrets, 'utf8'));
    const wrong = 'Wr0ng~secret.that-must-not-be-printed-0123';
    manifest.stringData['identity-client-secret'] = wrong;
    fs.writeFileSync(secrets, stringify(manifest));

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout[0]).toMatch(
      /^identity: its delivered secret obtains no token .*\(AADSTS7000215\)$/,
    );
    expect(result.stdout).toHaveLength(2);
    expect(result.all).not.toContain(wrong);
  });

  it('reports an application that accepts v1 access tokens', async () => {
    const orchestration = application(clients.orchestration);
    await graph('PATCH', `/applications/${orchestration.id}`, {
      api: { requestedAccessTokenVersion: null },
    });

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'orchestration: accepts v1 access tokens (api.requestedAccessTokenVersion null), not v2: their audience is not the client ID and they carry no azp',
    );
  });

  it('reports a deleted application once', async () => {
    const console = application(clients.console as string);
    await graph('DELETE', `/applications/${console.id}`);

    const result = await verify();

    expect(result.code).toBe(1);
    expect(result.stdout).toEqual([
      `console: no application with client ID ${clients.console} exists in the tenant`,
      expect.stringContaining('NOT verified: 1 problem in'),
    ]);
  });

  it('passes right after register on the 8.10 preview line, Camunda Hub included', async () => {
    sandbox.admin.resetDirectory();
    const {
      webModeler,
      console: _console,
      ...components
    } = baseSpec().components;
    const preview = {
      ...baseSpec(),
      chart: '8.10',
      components: { ...components, camundaHub: {} },
      webModeler: undefined,
      camundaHub: { fromAddress: 'noreply@example.com' },
      databases: Object.fromEntries(
        ['identity', 'camundaHub'].map(component => [
          component,
          {
            host: 'postgres.payments.svc.cluster.local',
            database: component,
            username: component,
            password: { name: 'payments-databases', key: component },
          },
        ]),
      ),
      secondaryStorage: {
        type: 'externalElasticsearch',
        url: 'https://search.payments.svc.cluster.local:9200',
      },
    };
    const bare = path.join(dir, 'preview.yaml');
    fs.writeFileSync(bare, stringify(preview));
    secrets = path.join(dir, 'preview-secrets.yaml');
    const registered = await run(runRegisterCommand, {
      spec: bare,
      secretsOut: secrets,
    });
    expect(registered.code).toBe(0);
    const previewClients = parse(registered.stdout.join('\n')).clients;
    expect(Object.keys(previewClients)).toContain('camundaHubUi');
    spec = path.join(dir, 'preview-registered.yaml');
    fs.writeFileSync(spec, stringify({ ...preview, clients: previewClients }));

    const result = await verify();

    // 6 applications: existence, redirect URIs, token version; 4 platforms; 5 secrets;
    // the tokens of Connectors and the machine client.
    expect(result.stdout).toEqual([
      'Sign-in of payments verified: 29 checks passed.',
    ]);
    expect(result.code).toBe(0);
  });

  it('reports a single-page application registered as Web', async () => {
    const ui = application(clients.webModelerUi as string);
    const uris = ui.spa as unknown as { redirectUris: string[] };
    await graph('PATCH', `/applications/${ui.id}`, {
      web: { redirectUris: uris.redirectUris },
      spa: { redirectUris: [] },
    });

    const result = await verify();

    expect(result.stdout).toEqual([
      'webModelerUi: redirect URIs are registered under the Web platform, but Web Modeler UI signs in as a single-page application, with PKCE and no secret',
      expect.stringContaining('NOT verified: 1 problem in'),
    ]);
  });

  it('refuses bad input with exit 2 and contacts nobody', async () => {
    const bare = path.join(dir, 'bare.yaml');
    sandbox.admin.resetCounters();

    const results = [
      await verify({ spec: undefined, secrets: undefined }),
      await verify({ spec: bare }),
      await verify({ secrets: path.join(dir, 'absent.yaml') }),
      await verify({ secrets: spec }),
      await verify(
        {},
        { ...env, AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com' },
      ),
    ];

    expect(results.map(r => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(results[0].stderr).toEqual([
      'spec: --spec <file> is required',
      'secrets: --secrets <file> (written by register) is required',
    ]);
    expect(results[1].stderr[0]).toMatch(
      /^clients\.orchestration: is required/,
    );
    expect(results[2].stderr[0]).toMatch(
      /^secrets: cannot read .*absent\.yaml/,
    );
    expect(results[3].stderr[0]).toMatch(/is not a Kubernetes Secret manifest/);
    expect(results[4].stderr[0]).toMatch(/^tenant\.authorityHost: /);
    expect(sandbox.admin.counters().graphRequests).toBe(0);
  });
});

describe('camunda-entra verify, the command', () => {
  const BIN = path.resolve(__dirname, '../../bin/camunda-entra');
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, [BIN, 'verify', ...args]);

  it('exits 2 on a usage error and 0 for its help', async () => {
    await expect(
      run('--spec', 'spec.yaml', '--secret', 'x'),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown option '--secret'"),
    });
    await expect(run('--help')).resolves.toMatchObject({
      stdout: expect.stringContaining('--secrets <file>'),
    });
  });
});
