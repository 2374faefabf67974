import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import entraSandbox from './entraSandbox';

// Starting a backend and generating the sandbox's keys takes seconds on a busy machine.
jest.setTimeout(30_000);

const TENANT = '7e57ab1e-5a4d-4b0c-8000-00000000e1d1';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function discovery(port: number, ca: string): Promise<any> {
  return new Promise((resolve, reject) => {
    https
      .get(
        `https://127.0.0.1:${port}/${TENANT}/v2.0/.well-known/openid-configuration`,
        { ca, agent: false },
        response => {
          let body = '';
          response.on('data', chunk => (body += chunk));
          response.on('end', () => resolve(JSON.parse(body)));
        },
      )
      .on('error', reject);
  });
}

describe('entra-sandbox backend plugin', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-sandbox-'));
  const directory = (port: number) => ({
    tenantId: TENANT,
    clientId: '5a4db0c5-0000-4000-8000-0000000000a1',
    clientSecret: 'dev-only',
    authorityHost: `https://127.0.0.1:${port}`,
    graphUrl: `https://127.0.0.1:${port}`,
    caFile: path.join(dir, 'ca.pem'),
  });

  it("serves camundaEntra.directory's tenant when enabled, and stops with the backend", async () => {
    const port = await freePort();
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              sandbox: {
                enabled: true,
                port,
                stateFile: path.join(dir, 'state.json'),
              },
              directory: directory(port),
            },
          },
        }),
      ],
    });
    const ca = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    expect(await discovery(port, ca)).toMatchObject({
      issuer: `https://127.0.0.1:${port}/${TENANT}/v2.0`,
    });
    expect(fs.existsSync(path.join(dir, 'state.json'))).toBe(true);

    await backend.stop();
    await expect(discovery(port, ca)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('starts nothing unless enabled', async () => {
    const port = await freePort();
    const caFile = path.join(dir, 'disabled-ca.pem');
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: { camundaEntra: { directory: { ...directory(port), caFile } } },
        }),
      ],
    });
    expect(fs.existsSync(caFile)).toBe(false);
    await backend.stop();
  });
});
