import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './__testUtils__/freePort';

// The backend compiles its sources on start; on a busy machine that takes a while.
jest.setTimeout(180_000);

const root = path.resolve(__dirname, '../../..');
const SIGN_IN_CLIENT_ID = '0c1e5a5e-0000-4000-8000-00000000c0de';

async function waitUntilReady(
  baseUrl: string,
  backend: ChildProcess,
  output: () => string,
) {
  const deadline = Date.now() + 150_000;
  // A backend whose start failed may keep running without ever listening.
  while (
    backend.exitCode === null &&
    !/Unhandled rejection|startup failed/.test(output()) &&
    Date.now() < deadline
  ) {
    try {
      const response = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`The production backend did not become ready at ${baseUrl}`);
}

async function stop(backend: ChildProcess) {
  if (backend.exitCode !== null) return;
  const exited = new Promise(resolve => backend.once('exit', resolve));
  backend.kill('SIGTERM');
  const timer = setTimeout(() => backend.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

describe('yarn start:production', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-production-'));
  let sandbox: EntraSandbox;
  let backend: ChildProcess;
  let baseUrl: string;
  let output = '';

  beforeAll(async () => {
    sandbox = await startEntraSandbox({});
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    // The last --config (JSON is YAML): a sandbox as the tenant's directory, SQLite for PostgreSQL.
    const config = path.join(dir, 'app-config.test.yaml');
    fs.writeFileSync(
      config,
      JSON.stringify({
        backend: {
          listen: { port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        camundaEntra: {
          directory: {
            authorityHost: sandbox.authorityHost,
            graphUrl: sandbox.url,
            caFile: sandbox.caFile,
          },
        },
      }),
    );
    backend = spawn(
      path.join(root, 'scripts/start-production.sh'),
      ['--config', config],
      {
        cwd: root,
        env: {
          ...process.env,
          SKIP_SETUP: '1',
          // The backend serves the frontend in production: one origin for both.
          APP_BASE_URL: baseUrl,
          BACKEND_BASE_URL: baseUrl,
          POSTGRES_HOST: '127.0.0.1',
          POSTGRES_PORT: '5432',
          POSTGRES_USER: 'postgres',
          POSTGRES_PASSWORD: '',
          AZURE_TENANT_ID: sandbox.tenantId,
          AZURE_CLIENT_ID: sandbox.credentials.clientId,
          AZURE_CLIENT_SECRET: sandbox.credentials.clientSecret,
          AUTH_MICROSOFT_CLIENT_ID: SIGN_IN_CLIENT_ID,
          AUTH_MICROSOFT_CLIENT_SECRET: 'production-test-only',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    backend.stdout?.on('data', chunk => (output += chunk));
    backend.stderr?.on('data', chunk => (output += chunk));
    try {
      await waitUntilReady(baseUrl, backend, () => output);
    } catch (error) {
      throw new Error(`${error}\n${output.slice(-4000)}`);
    }
  });

  afterAll(async () => {
    if (backend) await stop(backend);
    await sandbox?.stop();
  });

  it('runs with NODE_ENV=production and Entra ID as the only sign-in', () => {
    // The production logger writes JSON lines; the development one does not.
    const configured = output
      .split('\n')
      .filter(line => line.includes('Configuring auth provider'))
      .map(line => JSON.parse(line).message);
    expect(configured).toEqual(['Configuring auth provider: microsoft']);
  });

  it('hands out no guest token', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(
        `${baseUrl}/api/auth/guest/refresh?env=production`,
        { method, headers: { 'X-Requested-With': 'XMLHttpRequest' } },
      );
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/token/i);
    }
  });

  it("sends sign-in to the tenant's Entra authorize endpoint", async () => {
    const response = await fetch(
      `${baseUrl}/api/auth/microsoft/start?env=production&scope=openid`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(
      `https://login.microsoftonline.com/${sandbox.tenantId}/oauth2/v2.0/authorize`,
    );
    expect(location.searchParams.get('client_id')).toBe(SIGN_IN_CLIENT_ID);
    expect(location.searchParams.get('redirect_uri')).toBe(
      `${baseUrl}/api/auth/microsoft/handler/frame`,
    );
  });

  it("allows cross-origin calls from the portal's own origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${baseUrl}/api/camunda-entra/requests`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    // The dev portal's frontend origin, which app-config.yaml allows with credentials.
    const foreign = await preflight('http://localhost:3000');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
    const own = await preflight(baseUrl);
    expect(own.headers.get('access-control-allow-origin')).toBe(baseUrl);
  });

  it('lets pages connect to their own origin only', async () => {
    const response = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    const connectSrc = response.headers
      .get('content-security-policy')
      ?.split(';')
      .map(directive => directive.trim())
      .find(directive => directive.startsWith('connect-src'));
    expect(connectSrc).toBe("connect-src 'self'");
  });
});
