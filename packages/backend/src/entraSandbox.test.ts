import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import https from 'node:https';
import { AUTOMATION, sandboxConfig, TENANT } from './__testUtils__/sandboxConfig';
import entraSandbox from './entraSandbox';

// Starting a backend and generating the sandbox's keys takes seconds on a busy machine.
jest.setTimeout(30_000);

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
  it("serves camundaEntra.directory's tenant when enabled, and stops with the backend", async () => {
    const { port, caFile, stateFile, camundaEntra } = await sandboxConfig();
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({ data: { camundaEntra } }),
      ],
    });
    const ca = fs.readFileSync(caFile, 'utf8');
    expect(await discovery(port, ca)).toMatchObject({
      issuer: `https://127.0.0.1:${port}/${TENANT}/v2.0`,
    });
    expect(fs.existsSync(stateFile)).toBe(true);

    await backend.stop();
    await expect(discovery(port, ca)).rejects.toThrow(/ECONNREFUSED/);
  });

  it("registers the portal's sign-in client and the example people, and is trusted by default", async () => {
    const { port, browserPort, camundaEntra } = await sandboxConfig();
    const redirectUri = 'http://localhost:7999/api/auth/oidc/handler/frame';
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7999' },
            auth: { providers: { oidc: { development: SIGN_IN } } },
            camundaEntra,
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
          client_id: AUTOMATION.clientId,
          client_secret: AUTOMATION.clientSecret,
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
    const { caFile, camundaEntra } = await sandboxConfig();
    const backend = await startTestBackend({
      features: [
        entraSandbox,
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              ...camundaEntra,
              sandbox: { ...camundaEntra.sandbox, enabled: false },
            },
          },
        }),
      ],
    });
    expect(fs.existsSync(caFile)).toBe(false);
    await backend.stop();
  });
});
