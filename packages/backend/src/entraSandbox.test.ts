import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './__testUtils__/freePort';
import entraSandbox from './entraSandbox';

// Starting a backend and generating the sandbox's keys takes seconds on a busy machine.
jest.setTimeout(30_000);

const TENANT = '7e57ab1e-5a4d-4b0c-8000-00000000e1d1';
const DIRECTORY_FILE = path.resolve(
  __dirname,
  '../../../examples/entra-directory.yaml',
);
const SIGN_IN = {
  clientId: '5a4db0c5-0000-4000-8000-0000000000b1',
  clientSecret: 'sign-in-test-only',
};

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
    const [port, browserPort] = [await freePort(), await freePort()];
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              sandbox: {
                enabled: true,
                port,
                browserPort,
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

  it("registers the portal's sign-in client and the example people, and is trusted by default", async () => {
    const [port, browserPort] = [await freePort(), await freePort()];
    const redirectUri = 'http://localhost:7999/api/auth/oidc/handler/frame';
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7999' },
            auth: { providers: { oidc: { development: SIGN_IN } } },
            camundaEntra: {
              sandbox: {
                enabled: true,
                port,
                browserPort,
                stateFile: path.join(dir, 'sign-in-state.json'),
                directoryFile: DIRECTORY_FILE,
              },
              directory: {
                ...directory(port),
                caFile: path.join(dir, 'sign-in-ca.pem'),
              },
            },
          },
        }),
      ],
    });

    // No CA given: the backend process trusts the sandbox's.
    const metadata = await (
      await fetch(
        `https://127.0.0.1:${port}/${TENANT}/v2.0/.well-known/openid-configuration`,
      )
    ).json();
    expect(metadata.authorization_endpoint).toBe(
      `http://127.0.0.1:${browserPort}/${TENANT}/oauth2/v2.0/authorize`,
    );

    const picker = await fetch(
      `${metadata.authorization_endpoint}?${new URLSearchParams({
        client_id: SIGN_IN.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid profile email',
        state: 'state',
      })}`,
    );
    expect(picker.status).toBe(200);
    const page = await picker.text();
    expect(page).toContain('Pat Platform');
    expect(page).toContain('Dana Developer');

    // The automation identity may read people and groups, for the catalog.
    const token = await (
      await fetch(metadata.token_endpoint, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: directory(port).clientId,
          client_secret: directory(port).clientSecret,
          scope: 'https://graph.microsoft.com/.default',
        }),
      })
    ).json();
    const users = await fetch(`https://127.0.0.1:${port}/v1.0/users`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    expect(users.status).toBe(200);
    expect(
      (await users.json()).value.map((user: any) => user.userPrincipalName),
    ).toEqual(
      expect.arrayContaining([
        'pat@camunda-entra.example',
        'dana@camunda-entra.example',
      ]),
    );

    await backend.stop();
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
