import {
  DeploymentSpec,
  EntraApplicationPlan,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { generateKeyPairSync, KeyObject, randomUUID, sign } from 'node:crypto';
import { EntraApplicationInfo } from '../directory';
import {
  ClientCredentialsResult,
  ClientTokenEndpoint,
} from './clientTokenEndpoint';
import { verifySignIn } from './verifySignIn';
import { CI_MACHINE_CLIENT } from './__testUtils__/machineClient';

const tenantId = randomUUID();
const issuer = `https://login.microsoftonline.com/${tenantId}/v2.0`;
const ids = {
  orchestration: randomUUID(),
  identity: randomUUID(),
  webModelerUi: randomUUID(),
  webModelerApi: randomUUID(),
  machine: { ci: randomUUID() },
};

function testSpec(clients: object = ids): DeploymentSpec {
  const result = validateDeploymentSpec({
    name: 'payments',
    namespace: 'payments-camunda',
    chart: '8.8',
    tenant: { id: tenantId },
    components: {
      orchestration: {},
      connectors: {},
      identity: {},
      webModeler: {},
    },
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
    machineClients: [CI_MACHINE_CLIENT],
    clients,
  });
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.spec;
}

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  return {
    privateKey,
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig' },
  };
}

const tenantKey = keyPair('tenant-key');
const otherKey = keyPair('tenant-key');

function jwt(
  claims: object,
  key: KeyObject = tenantKey.privateKey,
  kid = 'tenant-key',
) {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT', kid })}.${part(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString(
    'base64url',
  )}`;
}

/** As registration leaves each application: its plan's platform and URIs, v2 tokens. */
function registered(
  plan: EntraApplicationPlan,
  appId: string,
): EntraApplicationInfo {
  return {
    objectId: randomUUID(),
    appId,
    displayName: plan.displayName,
    tags: [],
    webRedirectUris: plan.platform === 'web' ? plan.redirectUris : [],
    spaRedirectUris: plan.platform === 'spa' ? plan.redirectUris : [],
    requestedAccessTokenVersion: 2,
    optionalClaims: { idToken: [], accessToken: [] },
    passwordCredentials: [],
    keyCredentials: [],
  };
}

/** A token endpoint that knows one secret per client and issues v2 tokens as Entra does. */
class FakeTokenEndpoint implements ClientTokenEndpoint {
  readonly requests: Array<{ clientId: string; scope: string }> = [];
  issue = (
    clientId: string,
    resource: string,
    _secret: string,
  ): string | object =>
    jwt({ iss: issuer, aud: resource, azp: clientId, ver: '2.0' });
  keys: object[] | undefined = [tenantKey.jwk];

  constructor(readonly secrets: Record<string, string>) {}

  async clientCredentials(request: {
    clientId: string;
    clientSecret: string;
    scope: string;
  }): Promise<ClientCredentialsResult> {
    this.requests.push({ clientId: request.clientId, scope: request.scope });
    if (this.secrets[request.clientId] !== request.clientSecret) {
      return {
        error: 'invalid_client',
        entraError: 'AADSTS7000215',
        description: 'Invalid client secret provided.',
      };
    }
    const token = this.issue(
      request.clientId,
      request.scope.replace('/.default', ''),
      request.clientSecret,
    );
    return typeof token === 'string'
      ? { accessToken: token }
      : (token as ClientCredentialsResult);
  }

  async signingKeys() {
    return this.keys as never;
  }
}

describe('verifySignIn', () => {
  const spec = testSpec();
  const plans = planEntraApplications(spec);
  const allIds: Record<string, string> = {
    orchestration: ids.orchestration,
    identity: ids.identity,
    webModelerUi: ids.webModelerUi,
    webModelerApi: ids.webModelerApi,
    'machine.ci': ids.machine.ci,
  };
  const secrets: Record<string, string> = Object.fromEntries(
    Object.values(allIds).map(id => [id, `secret-of-${id}`]),
  );
  let applications: EntraApplicationInfo[];
  let servicePrincipalAppIds: string[];
  let tokens: FakeTokenEndpoint;
  let delivered: Record<string, string | undefined>;

  beforeEach(() => {
    applications = plans.map(plan => registered(plan, allIds[plan.client]));
    servicePrincipalAppIds = Object.values(allIds);
    tokens = new FakeTokenEndpoint(secrets);
    delivered = Object.fromEntries(
      Object.entries(allIds).map(([client, id]) => [client, secrets[id]]),
    );
  });

  const verify = (
    overrides: Partial<Parameters<typeof verifySignIn>[0]> = {},
  ) =>
    verifySignIn({
      spec,
      directory: {
        getApplicationsByAppId: async appIds => ({
          applications: applications.filter(a => appIds.includes(a.appId)),
          servicePrincipalAppIds: servicePrincipalAppIds.filter(id =>
            appIds.includes(id),
          ),
        }),
      },
      tokens,
      secretFor: async client => delivered[client],
      now: () => new Date('2026-12-07T01:00:00Z'),
      ...overrides,
    });

  function application(client: string) {
    return applications.find(a => a.appId === allIds[client])!;
  }

  it('passes a deployment registered as planned, counting each check', async () => {
    const result = await verify();

    expect(result).toEqual({
      verifiedAt: '2026-12-07T01:00:00.000Z',
      passed: true,
      // 5 applications: existence, redirect URIs, token version; 3 with a platform;
      // 4 confidential clients' secrets; the tokens of Connectors and machine.ci.
      checks: 5 * 3 + 3 + 4 + 2,
      problems: [],
    });
    // Connectors ask for the values' token scope, machine clients for the cluster's.
    expect(tokens.requests).toEqual(
      expect.arrayContaining([
        { clientId: ids.orchestration, scope: `${ids.orchestration}/.default` },
        { clientId: ids.machine.ci, scope: `${ids.orchestration}/.default` },
        { clientId: ids.identity, scope: `${ids.identity}/.default` },
        { clientId: ids.webModelerApi, scope: `${ids.webModelerApi}/.default` },
      ]),
    );
    expect(tokens.requests).toHaveLength(4);
  });

  it('refuses a spec without its client IDs', async () => {
    const { machine, ...components } = ids;
    await expect(verify({ spec: testSpec(components) })).rejects.toThrow(
      "the spec has no client ID for machine.ci: verify a registered deployment's spec",
    );
  });

  it('reports a v1 token for the Orchestration Cluster: issuer and missing azp', async () => {
    tokens.issue = (clientId, resource) =>
      jwt({
        iss: `https://sts.windows.net/${tenantId}/`,
        aud: resource,
        appid: clientId,
        ver: '1.0',
      });

    const result = await verify();

    expect(result.passed).toBe(false);
    expect(result.problems).toEqual(
      ['orchestration', 'machine.ci'].map(client => ({
        client,
        check: 'audience',
        message: `the Orchestration Cluster would refuse its token for ${ids.orchestration}/.default: issuer https://sts.windows.net/${tenantId}/ is not the configured ${issuer}; azp is missing, not the client ID ${allIds[client]}`,
      })),
    );
  });

  it("reports a token the tenant's keys did not sign, or of another audience", async () => {
    tokens.issue = (clientId, resource) =>
      clientId === ids.machine.ci
        ? jwt(
            { iss: issuer, aud: resource, azp: clientId },
            otherKey.privateKey,
          )
        : jwt({ iss: issuer, aud: [`api://${resource}`], azp: clientId });

    const result = await verify();

    expect(
      result.problems.map(p => [
        p.client,
        p.check,
        p.message.split(': ').slice(1).join(': '),
      ]),
    ).toEqual([
      [
        'orchestration',
        'audience',
        `audience api://${ids.orchestration} is not the configured ${ids.orchestration}`,
      ],
      [
        'machine.ci',
        'audience',
        "its signature does not verify with the tenant's keys",
      ],
    ]);
  });

  it('checks no signature when the keys cannot be read', async () => {
    tokens.issue = (clientId, resource) =>
      jwt({ iss: issuer, aud: resource, azp: clientId }, otherKey.privateKey);
    tokens.keys = undefined;

    expect((await verify()).passed).toBe(true);
  });

  it('reports a token that is no JWT', async () => {
    tokens.issue = () => 'opaque-token';

    const result = await verify();

    expect(result.problems.map(p => p.message)).toEqual([
      `the Orchestration Cluster would refuse its token for ${ids.orchestration}/.default: it is not a JWT`,
      `the Orchestration Cluster would refuse its token for ${ids.orchestration}/.default: it is not a JWT`,
    ]);
  });

  it("reports Entra's refusal of a secret with its code, never the secret", async () => {
    delivered.identity = 'a-wrong-secret';
    // As if Entra echoed what it was sent: verify must not pass it on.
    tokens.issue = (_clientId, _resource, secret) => ({
      error: 'invalid_client',
      entraError: 'AADSTS7000215',
      description: `Invalid client secret provided: ${secret}`,
    });

    const result = await verify();

    expect(result.problems).toEqual([
      {
        client: 'orchestration',
        check: 'secret',
        message: `its delivered secret obtains no token for ${ids.orchestration}/.default: Invalid client secret provided: [secret]`,
        entraError: 'AADSTS7000215',
      },
      {
        client: 'identity',
        check: 'secret',
        message: `its delivered secret obtains no token for ${ids.identity}/.default: Invalid client secret provided.`,
        entraError: 'AADSTS7000215',
      },
      expect.objectContaining({ client: 'webModelerApi', check: 'secret' }),
      expect.objectContaining({ client: 'machine.ci', check: 'secret' }),
    ]);
    for (const secret of [...Object.values(secrets), 'a-wrong-secret']) {
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('reports a confidential client without a delivered secret', async () => {
    delivered['machine.ci'] = undefined;

    const result = await verify();

    expect(result.problems).toEqual([
      {
        client: 'machine.ci',
        check: 'secret',
        message: 'no delivered secret of it to check',
      },
    ]);
    expect(tokens.requests.map(r => r.clientId)).not.toContain(ids.machine.ci);
  });

  it('reports a missing application once, and one without a service principal', async () => {
    applications = applications.filter(a => a.appId !== ids.identity);
    servicePrincipalAppIds = servicePrincipalAppIds.filter(
      id => id !== ids.webModelerUi,
    );

    const result = await verify();

    expect(result.problems).toEqual([
      {
        client: 'identity',
        check: 'application',
        message: `no application with client ID ${ids.identity} exists in the tenant`,
      },
      {
        client: 'webModelerUi',
        check: 'application',
        message: `application ${ids.webModelerUi} has no service principal in the tenant: nobody can sign in to it`,
      },
    ]);
    expect(tokens.requests.map(r => r.clientId)).not.toContain(ids.identity);
  });

  it('compares redirect URIs exactly and per platform', async () => {
    const [orchestrationUri] = application('orchestration').webRedirectUris;
    application('orchestration').webRedirectUris = [
      orchestrationUri.toUpperCase(),
    ];
    const ui = application('webModelerUi');
    ui.webRedirectUris = ui.spaRedirectUris;
    ui.spaRedirectUris = [];
    application('webModelerApi').webRedirectUris = [
      'https://example.com/callback',
    ];

    const result = await verify();

    expect(result.problems).toEqual([
      {
        client: 'orchestration',
        check: 'redirectUris',
        message: `redirect URIs differ from those the values configure: ${orchestrationUri} missing (sign-in there fails with AADSTS50011); ${orchestrationUri.toUpperCase()} registered but not configured`,
      },
      {
        client: 'webModelerUi',
        check: 'platform',
        message:
          'redirect URIs are registered under the Web platform, but Web Modeler UI signs in as a single-page application, with PKCE and no secret',
      },
      {
        client: 'webModelerApi',
        check: 'redirectUris',
        message:
          'redirect URIs differ from those the values configure: https://example.com/callback registered but not configured',
      },
    ]);
  });

  it('reports applications that do not accept v2 tokens', async () => {
    application('identity').requestedAccessTokenVersion = null;
    application('webModelerApi').requestedAccessTokenVersion = 1;

    const result = await verify();

    expect(result.problems).toEqual([
      {
        client: 'identity',
        check: 'tokenVersion',
        message:
          'accepts v1 access tokens (api.requestedAccessTokenVersion null), not v2: their audience is not the client ID and they carry no azp',
      },
      {
        client: 'webModelerApi',
        check: 'tokenVersion',
        message:
          'accepts v1 access tokens (api.requestedAccessTokenVersion 1), not v2: their audience is not the client ID and they carry no azp',
      },
    ]);
  });
});
