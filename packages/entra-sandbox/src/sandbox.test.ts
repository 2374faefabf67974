import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { jsonResponse } from './__testUtils__/http';
import { EntraSandboxInjectedError } from './faults';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const OWNER = {
  clientId: '0a000000-0000-4000-8000-000000000001',
  clientSecret: 'owner-secret',
};
const OTHER = {
  clientId: '0a000000-0000-4000-8000-000000000002',
  clientSecret: 'other-secret',
};
const USER_ID = '6d2c7c1e-3f0a-4d5e-9b3a-0c4f7e2a9d11';

type Identity = { clientId: string; clientSecret: string };

/** Raw HTTPS calls to a sandbox, trusting its CA: what any client would send. */
function sandboxClient(box: EntraSandbox) {
  const agent = new Agent({ connect: { ca: box.caPem } });
  const tokens = new Map<string, string>();

  async function tokenRequest(
    form: Record<string, string>,
    tenant = box.tenantId,
  ) {
    const response = await fetch(
      `${box.authorityHost}/${tenant}/oauth2/v2.0/token`,
      {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
    );
    return { status: response.status, body: (await response.json()) as any };
  }

  async function token(identity: Identity) {
    if (!tokens.has(identity.clientId)) {
      const { body } = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: identity.clientId,
        client_secret: identity.clientSecret,
        scope: `${box.url}/.default`,
      });
      tokens.set(identity.clientId, body.access_token);
    }
    return tokens.get(identity.clientId)!;
  }

  async function graph(
    method: string,
    url: string,
    body?: unknown,
    options: {
      identity?: Identity;
      headers?: Record<string, string>;
      bearer?: string;
    } = {},
  ) {
    const response = await fetch(
      url.startsWith('https://') ? url : `${box.url}/v1.0${url}`,
      {
        method,
        dispatcher: agent,
        headers: {
          authorization: `Bearer ${
            options.bearer ?? (await token(options.identity ?? OWNER))
          }`,
          'content-type': 'application/json',
          'client-request-id': 'test-client-request',
          ...options.headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    return jsonResponse(response);
  }

  return { agent, tokenRequest, token, graph, close: () => agent.close() };
}

describe('Entra sandbox', () => {
  let sandbox: EntraSandbox;
  let client: ReturnType<typeof sandboxClient>;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ identities: [OWNER, OTHER] });
    client = sandboxClient(sandbox);
  });

  afterAll(async () => {
    await client.close();
    await sandbox.stop();
  });

  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.setFaults({});
    sandbox.admin.clearInjectedErrors();
    sandbox.admin.resetCounters();
  });

  const tokenRequest: typeof client.tokenRequest = (...args) =>
    client.tokenRequest(...args);
  const token = (identity: Identity = OWNER) => client.token(identity);
  const graph: typeof client.graph = (...args) => client.graph(...args);
  const agentFetch = (url: string) => fetch(url, { dispatcher: client.agent });

  const upsert = (
    uniqueName: string,
    body: Record<string, unknown>,
    identity = OWNER,
  ) =>
    graph('PATCH', `/applications(uniqueName='${uniqueName}')`, body, {
      identity,
      headers: { prefer: 'create-if-missing' },
    });

  describe('sign-in endpoints', () => {
    it('serves discovery with an issuer on the authority host and keys that verify tokens', async () => {
      const base = `${sandbox.authorityHost}/${sandbox.tenantId}`;
      const discovery = (await (
        await agentFetch(`${base}/v2.0/.well-known/openid-configuration`)
      ).json()) as any;
      expect(discovery).toMatchObject({
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
      });
      const jwks = (await (await agentFetch(discovery.jwks_uri)).json()) as any;
      expect(jwks.keys[0]).toMatchObject({
        kty: 'RSA',
        use: 'sig',
        alg: 'RS256',
      });
    });

    it('issues client credentials tokens shaped as MSAL expects', async () => {
      const { status, body } = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: OWNER.clientId,
        client_secret: OWNER.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      });
      expect(status).toBe(200);
      expect(body).toEqual({
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: expect.any(String),
      });
    });

    it.each([
      [{ client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
      [
        { client_id: '0a000000-0000-4000-8000-00000000dead' },
        400,
        'unauthorized_client',
        700016,
      ],
      [
        { scope: `${'https://graph.microsoft.com'}/User.Read` },
        400,
        'invalid_scope',
        1002012,
      ],
      [{ grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    ])(
      'answers %j with %s %s (AADSTS%s)',
      async (override, status, error, code) => {
        const result = await tokenRequest({
          grant_type: 'client_credentials',
          client_id: OWNER.clientId,
          client_secret: OWNER.clientSecret,
          scope: `${sandbox.url}/.default`,
          ...override,
        });
        expect(result.status).toBe(status);
        expect(result.body).toMatchObject({ error, error_codes: [code] });
        expect(result.body.error_description).toMatch(
          new RegExp(`^AADSTS${code}: `),
        );
      },
    );

    it('rejects an unknown tenant', async () => {
      const result = await tokenRequest(
        {
          grant_type: 'client_credentials',
          client_id: OWNER.clientId,
          client_secret: OWNER.clientSecret,
          scope: `${sandbox.url}/.default`,
        },
        '00000000-0000-4000-8000-000000000000',
      );
      expect(result).toMatchObject({
        status: 400,
        body: { error: 'invalid_tenant', error_codes: [90002] },
      });
    });
  });

  describe('Graph authentication', () => {
    it('requires a bearer token', async () => {
      const response = await agentFetch(`${sandbox.url}/v1.0/applications`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).error.code).toBe(
        'InvalidAuthenticationToken',
      );
    });

    it('rejects tokens for another audience', async () => {
      const created = await upsert('camunda-api', { displayName: 'API' });
      await graph('POST', '/servicePrincipals', { appId: created.body.appId });
      const { body: secret } = await graph(
        'POST',
        `/applications/${created.body.id}/addPassword`,
        {
          passwordCredential: { displayName: 'test' },
        },
      );
      const appToken = await tokenRequest({
        grant_type: 'client_credentials',
        client_id: created.body.appId,
        client_secret: secret.secretText,
        scope: `${created.body.appId}/.default`,
      });
      expect(appToken.status).toBe(200);
      const result = await graph('GET', '/applications', undefined, {
        bearer: appToken.body.access_token,
      });
      expect(result).toMatchObject({
        status: 401,
        body: {
          error: {
            code: 'InvalidAuthenticationToken',
            message: expect.stringContaining('audience'),
          },
        },
      });
    });
  });

  describe('applications', () => {
    it("answers unknown properties with 400 and Graph's error body", async () => {
      const result = await upsert('camunda-x', {
        displayName: 'X',
        colour: 'blue',
      });
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        error: {
          code: 'Request_BadRequest',
          message: "Invalid property 'colour'.",
          innerError: {
            date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
            'request-id': result.headers.get('request-id'),
            'client-request-id': 'test-client-request',
          },
        },
      });
      expect(
        (
          await upsert('camunda-x', {
            displayName: 'X',
            web: { redirectUri: [] },
          })
        ).body.error.message,
      ).toBe("Invalid property 'redirectUri'.");
      expect(
        sandbox.admin.directory().applications.filter(a => a.uniqueName),
      ).toEqual([]);
    });

    it('rejects wrongly typed values and read-only properties', async () => {
      for (const body of [
        { displayName: 'X', api: { requestedAccessTokenVersion: 3 } },
        { displayName: 'X', signInAudience: 'Everyone' },
        { displayName: 'X', groupMembershipClaims: 'Groups' },
        { displayName: 'X', tags: 'one' },
        { displayName: 'X', passwordCredentials: [] },
        { displayName: 'X', appId: '0a000000-0000-4000-8000-000000000003' },
      ]) {
        expect((await upsert('camunda-x', body)).status).toBe(400);
      }
      expect((await upsert('camunda-x', {})).status).toBe(400);
    });

    it("takes Graph's group membership claim values, and null", async () => {
      const created = await upsert('camunda-g', { displayName: 'G' });
      for (const value of [
        'None',
        'SecurityGroup',
        'DirectoryRole',
        'ApplicationGroup',
        'All',
        null,
      ]) {
        const patched = await graph(
          'PATCH',
          `/applications/${created.body.id}`,
          {
            groupMembershipClaims: value,
          },
        );
        expect([value, patched.status]).toEqual([value, 204]);
      }
    });

    it('upserts by uniqueName: 404 without Prefer, 201 when created, 204 when updated', async () => {
      expect(
        (
          await graph('PATCH', "/applications(uniqueName='camunda-u')", {
            displayName: 'U',
          })
        ).status,
      ).toBe(404);
      const created = await upsert('camunda-u', { displayName: 'U' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        uniqueName: 'camunda-u',
        displayName: 'U',
        signInAudience: 'AzureADMyOrg',
      });
      const updated = await upsert('camunda-u', { displayName: 'U2' });
      expect(updated).toMatchObject({ status: 204, body: undefined });
      expect(
        (await graph('GET', `/applications(appId='${created.body.appId}')`))
          .body.displayName,
      ).toBe('U2');
    });

    it('keeps uniqueName immutable and unique', async () => {
      const created = await upsert('camunda-u', { displayName: 'U' });
      expect(
        (
          await graph('PATCH', `/applications/${created.body.id}`, {
            uniqueName: 'camunda-v',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await graph('PATCH', `/applications/${created.body.id}`, {
            uniqueName: 'camunda-u',
          })
        ).status,
      ).toBe(204);
      const duplicate = await graph('POST', '/applications', {
        displayName: 'V',
        uniqueName: 'camunda-u',
      });
      expect(duplicate.body.error.code).toBe(
        'Request_MultipleObjectsWithSameKeyValue',
      );
      const plain = await graph('POST', '/applications', { displayName: 'W' });
      expect(
        (
          await graph('PATCH', `/applications/${plain.body.id}`, {
            uniqueName: 'camunda-w',
          })
        ).status,
      ).toBe(204);
    });

    it('accepts https and loopback http redirect URIs only, at most 256', async () => {
      const ok = await upsert('camunda-r', {
        displayName: 'R',
        web: {
          redirectUris: [
            'https://camunda.example.com/sso-callback',
            'http://localhost:8080/sso-callback',
          ],
        },
        spa: { redirectUris: ['http://127.0.0.1:8087/'] },
      });
      expect(ok.status).toBe(201);
      for (const uri of [
        'http://camunda.example.com/cb',
        'https://x.example.com/cb#frag',
        'https://*.example.com/cb',
        'not a url',
      ]) {
        expect(
          (
            await upsert('camunda-r', {
              displayName: 'R',
              web: { redirectUris: [uri] },
            })
          ).status,
        ).toBe(400);
      }
      // Counted over all platforms: with the SPA URI above, 256 web URIs are one too many.
      const many = Array.from(
        { length: 256 },
        (_, i) => `https://camunda.example.com/${i}`,
      );
      expect(
        (
          await upsert('camunda-r', {
            displayName: 'R',
            web: { redirectUris: many },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await upsert('camunda-r', {
            displayName: 'R',
            web: { redirectUris: many.slice(0, 255) },
          })
        ).status,
      ).toBe(204);
    });

    it('returns secret text once from addPassword and never again', async () => {
      const { body: app } = await upsert('camunda-p', { displayName: 'P' });
      const end = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const added = await graph('POST', `/applications/${app.id}/addPassword`, {
        passwordCredential: { displayName: 'ci', endDateTime: end },
      });
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({
        displayName: 'ci',
        endDateTime: end,
        hint: added.body.secretText.slice(0, 3),
      });
      const read = await graph(
        'GET',
        `/applications/${app.id}?$select=passwordCredentials`,
      );
      expect(read.body.passwordCredentials).toEqual([
        {
          customKeyIdentifier: null,
          displayName: 'ci',
          endDateTime: end,
          hint: added.body.hint,
          keyId: added.body.keyId,
          secretText: null,
          startDateTime: added.body.startDateTime,
        },
      ]);
      expect(JSON.stringify(sandbox.admin.directory())).not.toContain(
        added.body.secretText,
      );
      expect(
        (
          await graph('POST', `/applications/${app.id}/addPassword`, {
            passwordCredential: { secretText: 'mine' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await graph('POST', `/applications/${app.id}/removePassword`, {
            keyId: added.body.keyId,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await graph('POST', `/applications/${app.id}/removePassword`, {
            keyId: added.body.keyId,
          })
        ).status,
      ).toBe(400);
    });

    it('adds owners by reference; an existing owner is a 400', async () => {
      const { body: app } = await upsert('camunda-o', { displayName: 'O' });
      const ref = (id: string) => ({
        '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
      });
      expect(
        (
          await graph(
            'POST',
            `/applications/${app.id}/owners/$ref`,
            ref(USER_ID),
          )
        ).status,
      ).toBe(204);
      const again = await graph(
        'POST',
        `/applications/${app.id}/owners/$ref`,
        ref(USER_ID),
      );
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain('already exist');
      expect(
        (
          await graph(
            'POST',
            `/applications/${app.id}/owners/$ref`,
            ref('0a000000-0000-4000-8000-0000000000ff'),
          )
        ).status,
      ).toBe(404);
      const owners = await graph('GET', `/applications/${app.id}/owners`);
      expect(owners.body.value.map((o: any) => o['@odata.type'])).toEqual([
        '#microsoft.graph.servicePrincipal',
        '#microsoft.graph.user',
      ]);
    });

    it('lets Application.ReadWrite.OwnedBy see and change only its own applications', async () => {
      const { body: app } = await upsert('camunda-mine', {
        displayName: 'Mine',
      });
      expect(
        (
          await graph(
            'PATCH',
            `/applications/${app.id}`,
            { displayName: 'Theirs' },
            { identity: OTHER },
          )
        ).status,
      ).toBe(403);
      expect(
        (await upsert('camunda-mine', { displayName: 'Theirs' }, OTHER)).status,
      ).toBe(403);
      const listed = await graph(
        'GET',
        "/applications?$filter=uniqueName eq 'camunda-mine'",
        undefined,
        { identity: OTHER },
      );
      // OTHER holds Application.Read.All too (the default roles), so it may read.
      expect(listed.body.value).toHaveLength(1);
    });
  });

  describe('queries', () => {
    beforeEach(async () => {
      for (const n of [1, 2, 3, 4, 5]) {
        await upsert(`camunda-q${n}`, {
          displayName: `Q${n}`,
          tags: n % 2 ? ['odd'] : ['even'],
        });
      }
    });

    it('pages with $top and an opaque @odata.nextLink', async () => {
      const names: string[] = [];
      let url: string | undefined =
        "/applications?$filter=startswith(displayName,'Q')&$select=displayName&$top=2";
      let pages = 0;
      while (url) {
        const { body } = await graph('GET', url);
        expect(Object.keys(body.value[0])).toEqual(['displayName']);
        names.push(...body.value.map((a: any) => a.displayName));
        url = body['@odata.nextLink'];
        pages++;
      }
      expect(pages).toBe(3);
      expect(names.sort()).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    });

    it('filters on tags and appId', async () => {
      const odd = await graph(
        'GET',
        "/applications?$filter=tags/any(t:t eq 'odd')&$select=displayName",
      );
      expect(odd.body.value.map((a: any) => a.displayName).sort()).toEqual([
        'Q1',
        'Q3',
        'Q5',
      ]);
      const apps = sandbox.admin
        .directory()
        .applications.filter(a => a.uniqueName);
      const ids = apps
        .slice(0, 2)
        .map(a => `'${a.appId}'`)
        .join(',');
      expect(
        (await graph('GET', `/applications?$filter=appId in (${ids})`)).body
          .value,
      ).toHaveLength(2);
    });

    it.each([
      ['$top=1000', 'Request_BadRequest'],
      ['$select=colour', 'BadRequest'],
      ["$filter=notes eq 'x'", 'Request_UnsupportedQuery'],
      [
        `$filter=appId in (${Array.from(
          { length: 16 },
          (_, i) => `'${i}'`,
        ).join(',')})`,
        'Request_UnsupportedQuery',
      ],
      ['$orderby=displayName', 'BadRequest'],
      ['$skiptoken=forged', 'Directory_ExpiredPageToken'],
    ])('rejects %s', async (query, code) => {
      const result = await graph('GET', `/applications?${query}`);
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe(code);
    });

    it('runs $batch of at most 20 requests', async () => {
      const batch = (requests: unknown[]) =>
        graph('POST', '/$batch', { requests });
      const ok = await batch([
        {
          id: '1',
          method: 'GET',
          url: "/applications(uniqueName='camunda-q1')?$select=displayName",
        },
        {
          id: '2',
          method: 'GET',
          url: "/applications(uniqueName='camunda-none')",
        },
        {
          id: '3',
          method: 'GET',
          url: "/applications(uniqueName='camunda-q2')",
          dependsOn: ['2'],
        },
      ]);
      expect(ok.status).toBe(200);
      expect(ok.body.responses.map((r: any) => [r.id, r.status])).toEqual([
        ['1', 200],
        ['2', 404],
        ['3', 424],
      ]);
      expect(ok.body.responses[0].body.displayName).toBe('Q1');
      expect(ok.body.responses[1].body.error.code).toBe(
        'Request_ResourceNotFound',
      );
      const tooMany = await batch(
        Array.from({ length: 21 }, (_, i) => ({
          id: String(i),
          method: 'GET',
          url: '/applications',
        })),
      );
      expect(tooMany.status).toBe(400);
    });
  });

  describe('service principals and consent', () => {
    it('creates a service principal once for an existing application', async () => {
      const { body: app } = await upsert('camunda-s', { displayName: 'S' });
      const missing = await graph('POST', '/servicePrincipals', {
        appId: '0a000000-0000-4000-8000-00000000beef',
      });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain(
        'does not reference a valid application object',
      );
      const created = await graph('POST', '/servicePrincipals', {
        appId: app.appId,
      });
      expect(created).toMatchObject({
        status: 201,
        body: { appId: app.appId, displayName: 'S' },
      });
      expect(
        (await graph('POST', '/servicePrincipals', { appId: app.appId }))
          .status,
      ).toBe(409);
      expect(
        (
          await graph(
            'GET',
            `/servicePrincipals(appId='${app.appId}')?$select=id`,
          )
        ).body,
      ).toMatchObject({ id: created.body.id });
    });

    it('grants consent for published scopes, once, and updates its scope', async () => {
      const { body: app } = await upsert('camunda-c', { displayName: 'C' });
      const { body: sp } = await graph('POST', '/servicePrincipals', {
        appId: app.appId,
      });
      const { body: graphSp } = await graph(
        'GET',
        "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')",
      );
      const grant = (scope: string) =>
        graph('POST', '/oauth2PermissionGrants', {
          clientId: sp.id,
          consentType: 'AllPrincipals',
          resourceId: graphSp.id,
          scope,
        });
      expect((await grant('openid Mail.ReadWrite')).status).toBe(400);
      const created = await grant('openid profile');
      expect(created.status).toBe(201);
      expect((await grant('openid profile')).status).toBe(409);
      expect(
        (
          await graph('PATCH', `/oauth2PermissionGrants/${created.body.id}`, {
            scope: 'openid profile email offline_access',
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await graph('PATCH', `/oauth2PermissionGrants/${created.body.id}`, {
            clientId: graphSp.id,
          })
        ).status,
      ).toBe(400);
      const listed = await graph(
        'GET',
        `/oauth2PermissionGrants?$filter=clientId eq '${sp.id}' and consentType eq 'AllPrincipals'`,
      );
      expect(listed.body.value).toMatchObject([
        { scope: 'openid profile email offline_access' },
      ]);
    });
  });

  describe('faults', () => {
    it('hides new objects during the replication delay', async () => {
      sandbox.admin.setFaults({ replicationDelayMs: 400 });
      const { body: app } = await upsert('camunda-late', {
        displayName: 'Late',
      });
      expect((await graph('GET', `/applications/${app.id}`)).status).toBe(404);
      expect(
        (await graph('POST', '/servicePrincipals', { appId: app.appId }))
          .status,
      ).toBe(400);
      expect(
        (await graph('POST', `/applications/${app.id}/addPassword`, {})).status,
      ).toBe(404);
      await new Promise(resolve => setTimeout(resolve, 450));
      expect((await graph('GET', `/applications/${app.id}`)).status).toBe(200);
    });

    it('answers injected errors with Retry-After, then recovers', async () => {
      sandbox.admin.injectError({
        status: 429,
        count: 2,
        retryAfterSeconds: 3,
        method: 'GET',
      });
      const first = await graph('GET', '/applications');
      expect(first.status).toBe(429);
      expect(first.headers.get('retry-after')).toBe('3');
      expect(first.body.error.code).toBe('TooManyRequests');
      expect((await graph('GET', '/applications')).status).toBe(429);
      expect((await graph('GET', '/applications')).status).toBe(200);
      expect(sandbox.admin.counters().byStatus).toMatchObject({
        '429': 2,
        '200': 1,
      });
    });

    /** A new application; its next addPassword is applied, then faulted as `fault` says. */
    async function addPasswordFaultedAfterWrite(
      fault: Omit<EntraSandboxInjectedError, 'afterWrite'>,
    ) {
      const { body: app } = await upsert('camunda-lost', {
        displayName: 'Lost',
      });
      sandbox.admin.injectError({
        ...fault,
        pathContains: 'addPassword',
        afterWrite: true,
      });
      const add = () =>
        graph('POST', `/applications/${app.id}/addPassword`, {
          passwordCredential: { displayName: 'lost' },
        });
      const credentials = async () =>
        (
          await graph(
            'GET',
            `/applications/${app.id}?$select=passwordCredentials`,
          )
        ).body.passwordCredentials;
      return { add, credentials };
    }

    it('applies a write, then answers 503, when the error is injected after the write', async () => {
      const { add, credentials } = await addPasswordFaultedAfterWrite({
        status: 503,
      });

      const lost = await add();
      expect(lost.status).toBe(503);
      expect(lost.body.error.code).toBe('ServiceUnavailable');
      expect(JSON.stringify(lost.body)).not.toContain('secretText');
      expect((await add()).status).toBe(200);
      expect(await credentials()).toHaveLength(2);
    });

    it('closes the connection instead of answering, after the write when asked', async () => {
      const { add, credentials } = await addPasswordFaultedAfterWrite({
        status: 504,
        dropConnection: true,
      });

      await expect(add()).rejects.toThrow();
      expect(await credentials()).toMatchObject([{ displayName: 'lost' }]);
    });

    it('leaves failed writes alone and answers reads normally under the after-write rate', async () => {
      sandbox.admin.setFaults({ serverErrorAfterWriteRate: 1 });
      const created = await upsert('camunda-rate', { displayName: 'Rate' });
      expect(created.status).toBe(503);
      expect(
        (await graph('POST', '/applications/not-there/addPassword', {})).status,
      ).toBe(404);
      sandbox.admin.setFaults({});
      const read = await graph(
        'GET',
        `/applications(uniqueName='camunda-rate')?$select=id`,
      );
      expect(read.status).toBe(200);
    });

    it('throttles every n-th write, not reads, with Retry-After', async () => {
      sandbox.admin.setFaults({ throttleEveryNthWrite: 3 });
      const answers = [];
      for (let i = 0; i < 6; i++) {
        await graph('GET', '/applications');
        answers.push(await upsert(`camunda-nth-${i}`, { displayName: 'N' }));
      }
      expect(answers.map(answer => answer.status)).toEqual([
        201, 201, 429, 201, 201, 429,
      ]);
      const throttled = answers.filter(answer => answer.status === 429);
      expect(
        throttled.map(answer => [
          answer.headers.get('retry-after'),
          answer.body.error.code,
        ]),
      ).toEqual([
        ['1', 'TooManyRequests'],
        ['1', 'TooManyRequests'],
      ]);
    });

    it('delays every request by the configured latency', async () => {
      await token();
      sandbox.admin.setFaults({ latencyMs: 150 });
      const started = Date.now();
      await graph('GET', '/applications');
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    });

    it('serves the admin API over HTTPS', async () => {
      await graph('GET', '/applications');
      const response = await agentFetch(`${sandbox.url}/_sandbox/counters`);
      expect(((await response.json()) as any).graphRequests).toBe(1);
    });
  });

  it("enforces Graph's write limit per application with 429 and Retry-After", async () => {
    const limited = await startEntraSandbox({
      identities: [OWNER, OTHER],
      throttling: { appWrites: { limit: 3, windowSeconds: 2 } },
    });
    const limitedClient = sandboxClient(limited);
    const write = (n: number, identity = OWNER) =>
      limitedClient.graph(
        'PATCH',
        `/applications(uniqueName='camunda-t${n}')`,
        { displayName: `T${n}` },
        { identity, headers: { prefer: 'create-if-missing' } },
      );
    try {
      for (const n of [1, 2, 3]) {
        expect((await write(n)).status).toBe(201);
      }
      const throttled = await write(4);
      expect(throttled.status).toBe(429);
      expect(throttled.body.error.code).toBe('TooManyRequests');
      expect(
        Number(throttled.headers.get('retry-after')),
      ).toBeGreaterThanOrEqual(1);
      // Reads and other applications' writes have their own budgets.
      expect((await limitedClient.graph('GET', '/applications')).status).toBe(
        200,
      );
      expect((await write(5, OTHER)).status).toBe(201);
      await new Promise(resolve => setTimeout(resolve, 2000));
      expect((await write(4)).status).toBe(201);
    } finally {
      await limitedClient.close();
      await limited.stop();
    }
  });

  it('keeps CA and directory in its state file across restarts', async () => {
    const stateFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-state-')),
      'state.json',
    );
    const first = await startEntraSandbox({ stateFile, identities: [OWNER] });
    const firstClient = sandboxClient(first);
    const created = await firstClient.graph(
      'PATCH',
      "/applications(uniqueName='camunda-kept')",
      { displayName: 'Kept' },
      { headers: { prefer: 'create-if-missing' } },
    );
    await firstClient.close();
    await first.stop();
    expect(created.status).toBe(201);
    expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await startEntraSandbox({ stateFile, identities: [OWNER] });
    const secondClient = sandboxClient(second);
    try {
      expect(second.caPem).toBe(first.caPem);
      expect(second.tenantId).toBe(first.tenantId);
      const kept = await secondClient.graph(
        'GET',
        "/applications(uniqueName='camunda-kept')",
      );
      expect(kept.body.appId).toBe(created.body.appId);
    } finally {
      await secondClient.close();
      await second.stop();
    }
  });
});
