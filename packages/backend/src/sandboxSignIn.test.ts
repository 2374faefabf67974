import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { freePort } from './__testUtils__/freePort';
import { sandboxConfig, TENANT } from './__testUtils__/sandboxConfig';
import sandboxSignIn from './sandboxSignIn';

jest.setTimeout(60_000);

// Dana of examples/entra-directory.yaml as the msgraph ingestion writes her.
const DANA = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'dana_camunda-entra.example',
    annotations: {
      'graph.microsoft.com/user-id': 'e17a0000-0000-4000-8000-000000000002',
    },
  },
  spec: { memberOf: ['group:default/payments-team'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
};

/** Cookies a browser would keep between the steps of the sign-in. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string): Promise<Response> {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name, value.join('='));
    }
    return response;
  }
}

/** The message the handler page posts to the app's window. */
function authorizationResponse(page: string): any {
  const encoded = page.match(/decodeURIComponent\('([^']+)'\)/)?.[1];
  return JSON.parse(decodeURIComponent(encoded ?? 'null'));
}

describe('sandbox sign-in', () => {
  let backendUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    const sandbox = await sandboxConfig();
    backendUrl = `http://localhost:${port}`;
    // A whole backend rather than a test backend, which would listen on a random port: the
    // redirect URI the sandbox registers is on backend.baseUrl.
    const backend = createBackend();
    for (const feature of [
      authPlugin,
      sandboxSignIn,
      catalogServiceMock.factory({ entities: [DANA] }),
      mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: {
              session: { secret: 'sign-in-test-only' },
              providers: {
                oidc: {
                  development: {
                    metadataUrl: `https://127.0.0.1:${sandbox.port}/${TENANT}/v2.0/.well-known/openid-configuration`,
                    clientId: '5a4db0c5-0000-4000-8000-0000000000b1',
                    clientSecret: 'sign-in-test-only',
                    prompt: 'auto',
                  },
                },
              },
            },
            camundaEntra: sandbox.camundaEntra,
            backend: {
              baseUrl: backendUrl,
              listen: { port },
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          },
      }),
    ]) {
      backend.add(feature);
    }
    await backend.start();
    stop = () => backend.stop();
  });

  afterAll(() => stop?.());

  /** The popup's way: start, the sandbox's page with a login hint, the handler. */
  async function signIn(loginHint: string) {
    const browser = new CookieJar();
    const start = await browser.fetch(
      `${backendUrl}/api/auth/oidc/start?${new URLSearchParams({
        env: 'development',
        scope: 'openid profile email offline_access',
        origin: 'http://localhost:3000',
        flow: 'popup',
      })}`,
    );
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    authorize.searchParams.set('login_hint', loginHint);
    const callback = await browser.fetch(authorize.toString());
    expect(callback.status).toBe(302);
    const handler = await browser.fetch(callback.headers.get('location')!);
    return authorizationResponse(await handler.text());
  }

  it('signs a person in as the catalog user with their Entra object ID', async () => {
    const message = await signIn('dana@camunda-entra.example');

    expect(message.type).toBe('authorization_response');
    expect(message.response.profile).toEqual({
      email: 'dana@camunda-entra.example',
      displayName: 'Dana Developer',
    });
    expect(message.response.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/dana_camunda-entra.example',
      ownershipEntityRefs: [
        'user:default/dana_camunda-entra.example',
        'group:default/payments-team',
      ],
    });
  });

  it('refuses a person the catalog does not know', async () => {
    const message = await signIn('pat@camunda-entra.example');

    expect(message.type).toBe('authorization_response');
    expect(message.response).toBeUndefined();
    expect(message.error).toMatchObject({
      name: 'NotFoundError',
      message: 'User not found',
    });
  });
});
