import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { Agent, fetch } from 'undici';
import { clientCredentialsToken, jsonResponse } from './__testUtils__/http';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const PAT = {
  id: 'e17a0000-0000-4000-8000-000000000001',
  userPrincipalName: 'pat@camunda-entra.example',
  displayName: 'Pat Platform',
  mail: 'pat@camunda-entra.example',
  givenName: 'Pat',
  surname: 'Platform',
};
const ADMINS = {
  id: 'e17a0000-0000-4000-8000-000000001001',
  displayName: 'Camunda admins',
  mailNickname: 'camunda-admins',
  securityEnabled: true,
  mailEnabled: false,
  members: [PAT.id],
};
const NEWSLETTER = {
  id: 'e17a0000-0000-4000-8000-000000001002',
  displayName: 'Newsletter',
  mailNickname: 'newsletter',
  securityEnabled: false,
  mailEnabled: true,
  members: [PAT.id],
};
const WEB_REDIRECT = 'https://orchestration.camunda.example/sso-callback';
const SPA_REDIRECT = 'https://modeler.camunda.example/login-callback';
const SPA_ORIGIN = 'https://modeler.camunda.example';
const V1_IDENTIFIER = 'api://camunda-legacy-api';
const LEGACY_REDIRECT = 'https://legacy.camunda.example/callback';

interface App {
  appId: string;
  secret: string;
}

describe("sign-in as Entra's v2 endpoint plays it", () => {
  let box: EntraSandbox;
  let agent: Agent;
  let stateFile: string;
  /** Web app, v2 tokens, security groups in tokens. */
  let web: App;
  /** SPA, v2 tokens, no groups claim. */
  let spa: App;
  /** An API that accepts v1 tokens, exposes a scope and puts every group in tokens. */
  let legacy: App;

  async function graph(method: string, url: string, body?: unknown) {
    const bearer = await clientCredentialsToken(
      box,
      agent,
      box.credentials,
      `${box.url}/.default`,
    );
    return jsonResponse(
      await fetch(`${box.url}/v1.0${url}`, {
        method,
        dispatcher: agent,
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  }

  /** An application with its service principal and a client secret, as registration makes it. */
  async function register(body: Record<string, unknown>): Promise<App> {
    const created = await graph('POST', '/applications', body);
    expect(created.status).toBe(201);
    await graph('POST', '/servicePrincipals', { appId: created.body.appId });
    const password = await graph(
      'POST',
      `/applications/${created.body.id}/addPassword`,
      { passwordCredential: { displayName: 'test' } },
    );
    return { appId: created.body.appId, secret: password.body.secretText };
  }

  beforeAll(async () => {
    stateFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sign-in-rules-')),
      'state.json',
    );
    box = await startEntraSandbox({
      users: [PAT],
      groups: [ADMINS, NEWSLETTER],
      stateFile,
    });
    agent = new Agent({ connect: { ca: box.caPem } });
    web = await register({
      displayName: 'Orchestration',
      web: { redirectUris: [WEB_REDIRECT] },
      api: { requestedAccessTokenVersion: 2 },
      groupMembershipClaims: 'SecurityGroup',
      optionalClaims: {
        idToken: [{ name: 'upn' }],
        accessToken: [{ name: 'email' }],
      },
    });
    spa = await register({
      displayName: 'Web Modeler UI',
      spa: { redirectUris: [SPA_REDIRECT] },
      api: { requestedAccessTokenVersion: 2 },
    });
    legacy = await register({
      displayName: 'Legacy API',
      web: { redirectUris: [LEGACY_REDIRECT] },
      identifierUris: [V1_IDENTIFIER],
      groupMembershipClaims: 'All',
      api: {
        oauth2PermissionScopes: [
          {
            id: '5c2a0000-0000-4000-8000-000000000001',
            value: 'access_as_user',
            type: 'User',
            isEnabled: true,
            adminConsentDisplayName: 'Access as the user',
            adminConsentDescription: 'Access as the user',
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await agent.close();
    await box.stop();
  });

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return {
      verifier,
      challenge: createHash('sha256').update(verifier).digest('base64url'),
    };
  }

  /** GET the authorize URL as a browser (or the conformance harness) does, without following. */
  async function authorize(params: Record<string, string>) {
    const url = new URL(`${box.url}/${box.tenantId}/oauth2/v2.0/authorize`);
    for (const [name, value] of Object.entries({
      response_type: 'code',
      login_hint: PAT.userPrincipalName,
      state: 'state-1',
      ...params,
    })) {
      url.searchParams.set(name, value);
    }
    const response = await fetch(url, {
      redirect: 'manual',
      dispatcher: agent,
    });
    const location = response.headers.get('location');
    return {
      status: response.status,
      html: await response.text(),
      location,
      params: Object.fromEntries(
        location ? new URL(location).searchParams : [],
      ),
    };
  }

  async function code(params: Record<string, string>) {
    const answer = await authorize(params);
    expect(answer.status).toBe(302);
    expect(answer.params.code).toBeDefined();
    return answer.params.code;
  }

  async function token(form: Record<string, string>, origin?: string) {
    const response = await fetch(
      `${box.url}/${box.tenantId}/oauth2/v2.0/token`,
      {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin && { origin }),
        },
        body: new URLSearchParams(form).toString(),
      },
    );
    return jsonResponse(response);
  }

  /** A web sign-in's code, redeemed as a confidential client. */
  async function webSignIn(scope: string) {
    const issued = await code({
      client_id: web.appId,
      redirect_uri: WEB_REDIRECT,
      scope,
    });
    return token({
      grant_type: 'authorization_code',
      client_id: web.appId,
      client_secret: web.secret,
      code: issued,
      redirect_uri: WEB_REDIRECT,
    });
  }

  async function spaCode(scope = `${spa.appId}/.default openid profile`) {
    const flow = pkce();
    const issued = await code({
      client_id: spa.appId,
      redirect_uri: SPA_REDIRECT,
      scope,
      code_challenge: flow.challenge,
      code_challenge_method: 'S256',
    });
    return {
      form: {
        grant_type: 'authorization_code',
        client_id: spa.appId,
        code: issued,
        redirect_uri: SPA_REDIRECT,
        code_verifier: flow.verifier,
      },
    };
  }

  /** What a token endpoint refusal looks like: status, OAuth error, AADSTS code and text. */
  function aadError(status: number, error: string, aadsts: number) {
    return {
      status,
      body: expect.objectContaining({
        error,
        error_codes: [aadsts],
        error_description: expect.stringMatching(
          new RegExp(`^AADSTS${aadsts}: `),
        ),
      }),
    };
  }

  describe('authorization requests', () => {
    it.each([
      ['differs in one path segment', WEB_REDIRECT.replace('sso-', 'login-')],
      ['differs in case', WEB_REDIRECT.toUpperCase()],
      ['is registered for another application', SPA_REDIRECT],
    ])(
      'show AADSTS50011 on a page when the redirect URI %s, and never redirect',
      async (_, redirectUri) => {
        const answer = await authorize({
          client_id: web.appId,
          redirect_uri: redirectUri,
          scope: 'openid',
        });
        expect(answer.status).toBe(400);
        expect(answer.location).toBeNull();
        expect(answer.html).toContain('AADSTS50011');
      },
    );

    it('accept a SPA redirect URI with PKCE', async () => {
      expect(await spaCode()).toBeDefined();
    });

    it.each([
      [
        'a SPA redirect URI without PKCE',
        () => [spa.appId, SPA_REDIRECT, `${spa.appId}/.default openid`],
        'invalid_request',
        9002325,
      ],
      [
        'scopes of two resources',
        () => [
          web.appId,
          WEB_REDIRECT,
          `${web.appId}/.default https://graph.microsoft.com/User.Read openid`,
        ],
        'invalid_scope',
        28000,
      ],
      [
        'an unknown resource',
        () => [
          web.appId,
          WEB_REDIRECT,
          '7e570000-0000-4000-8000-00000000dead/.default openid',
        ],
        'invalid_resource',
        500011,
      ],
      [
        'an unknown scope of a known resource',
        () => [
          web.appId,
          WEB_REDIRECT,
          `${V1_IDENTIFIER}/write_everything openid`,
        ],
        'invalid_scope',
        70011,
      ],
      [
        'a token for the client itself named by identifier URI',
        () => [
          legacy.appId,
          LEGACY_REDIRECT,
          `${V1_IDENTIFIER}/.default openid`,
        ],
        'invalid_request',
        90009,
      ],
    ])(
      'refuse %s at the redirect URI with %s (AADSTS%s)',
      async (_, request, error, aadsts) => {
        const [clientId, redirectUri, scope] = request();
        const answer = await authorize({
          client_id: clientId,
          redirect_uri: redirectUri,
          scope,
        });
        expect(answer.status).toBe(302);
        expect(answer.params).toMatchObject({ error, state: 'state-1' });
        expect(answer.params.error_description).toMatch(
          new RegExp(`^AADSTS${aadsts}: `),
        );
        expect(answer.params.code).toBeUndefined();
      },
    );
  });

  describe('a web application', () => {
    it('signs in with its secret: a v2 token for itself, groups per its setting, no profile in the granted scope', async () => {
      const answer = await webSignIn(
        `${web.appId}/.default openid profile email offline_access`,
      );
      expect(answer.status).toBe(200);
      // Spring Security 6 calls userinfo only when the granted scopes name profile or email.
      expect(answer.body.scope).toBe(`${web.appId}/.default`);
      expect(answer.body.refresh_token).toBeDefined();
      const access = decodeJwt(answer.body.access_token);
      expect(access).toMatchObject({
        aud: web.appId,
        iss: `${box.url}/${box.tenantId}/v2.0`,
        azp: web.appId,
        azpacr: '1',
        ver: '2.0',
        tid: box.tenantId,
        oid: PAT.id,
        name: PAT.displayName,
        preferred_username: PAT.userPrincipalName,
        email: PAT.mail,
        groups: [ADMINS.id],
      });
      // It exposes no scope: nothing to list in scp. v1-only claims stay out.
      expect(access).not.toHaveProperty('scp');
      expect(access).not.toHaveProperty('appid');
      expect(access).not.toHaveProperty('roles');
      const id = decodeJwt(answer.body.id_token);
      expect(id).toMatchObject({
        aud: web.appId,
        groups: [ADMINS.id],
        // v2 tokens carry upn only as an optional claim of that kind of token.
        upn: PAT.userPrincipalName,
      });
      expect(access).not.toHaveProperty('upn');
    });

    it('refuses its code without a secret (AADSTS7000218), from a browser origin (AADSTS9002326) and for another redirect URI (AADSTS500112)', async () => {
      const form = async () => ({
        grant_type: 'authorization_code',
        client_id: web.appId,
        client_secret: web.secret,
        redirect_uri: WEB_REDIRECT,
        code: await code({
          client_id: web.appId,
          redirect_uri: WEB_REDIRECT,
          scope: `${web.appId}/.default openid`,
        }),
      });
      const { client_secret: _, ...withoutSecret } = await form();
      expect(await token(withoutSecret)).toMatchObject(
        aadError(401, 'invalid_client', 7000218),
      );
      expect(await token(await form(), SPA_ORIGIN)).toMatchObject(
        aadError(400, 'invalid_request', 9002326),
      );
      expect(
        await token({
          ...(await form()),
          redirect_uri: `${WEB_REDIRECT}/`,
        }),
      ).toMatchObject(aadError(400, 'invalid_grant', 500112));
    });

    it("refuses its code to another client, even with that client's secret", async () => {
      const issued = await code({
        client_id: web.appId,
        redirect_uri: WEB_REDIRECT,
        scope: 'openid',
      });
      expect(
        await token({
          grant_type: 'authorization_code',
          client_id: legacy.appId,
          client_secret: legacy.secret,
          code: issued,
          redirect_uri: WEB_REDIRECT,
        }),
      ).toMatchObject(aadError(400, 'invalid_grant', 70000));
    });
  });

  describe('a single-page application', () => {
    it('signs in with PKCE from its origin: a public client token, refreshed only cross-origin, for 24 hours', async () => {
      const { form } = await spaCode(
        `${spa.appId}/.default openid profile offline_access`,
      );
      const answer = await token(form, SPA_ORIGIN);
      expect(answer.status).toBe(200);
      expect(answer.body.scope).toBe(`${spa.appId}/.default`);
      const access = decodeJwt(answer.body.access_token);
      expect(access).toMatchObject({
        aud: spa.appId,
        azp: spa.appId,
        azpacr: '0',
        ver: '2.0',
        preferred_username: PAT.userPrincipalName,
      });
      expect(access).not.toHaveProperty('groups');

      const refresh = {
        grant_type: 'refresh_token',
        client_id: spa.appId,
        refresh_token: answer.body.refresh_token,
      };
      expect(await token(refresh)).toMatchObject(
        aadError(400, 'invalid_request', 9002327),
      );
      const refreshed = await token(refresh, SPA_ORIGIN);
      expect(refreshed.status).toBe(200);
      expect(decodeJwt(refreshed.body.access_token).aud).toBe(spa.appId);

      const grants = Object.values(
        JSON.parse(fs.readFileSync(stateFile, 'utf8')).signIn.refreshTokens,
      ) as Array<{ clientId: string; platform: string; expiresAt: number }>;
      const spaGrants = grants.filter(g => g.clientId === spa.appId);
      expect(spaGrants.length).toBeGreaterThan(0);
      for (const grant of spaGrants) {
        expect(grant.platform).toBe('spa');
        expect(grant.expiresAt - Date.now()).toBeLessThanOrEqual(86_400_000);
        expect(grant.expiresAt - Date.now()).toBeGreaterThan(86_000_000);
      }
    });

    it('refuses its code without an origin (AADSTS9002327)', async () => {
      const { form } = await spaCode();
      expect(await token(form)).toMatchObject(
        aadError(400, 'invalid_request', 9002327),
      );
    });

    it('refuses its code with a client secret (AADSTS700025)', async () => {
      const { form } = await spaCode();
      expect(
        await token({ ...form, client_secret: spa.secret }, SPA_ORIGIN),
      ).toMatchObject(aadError(401, 'invalid_client', 700025));
    });

    it('refuses its code without a verifier (AADSTS50148) and with a wrong one (AADSTS501481)', async () => {
      const { form } = await spaCode();
      const { code_verifier: _, ...withoutVerifier } = form;
      expect(await token(withoutVerifier, SPA_ORIGIN)).toMatchObject(
        aadError(400, 'invalid_grant', 50148),
      );
      const second = await spaCode();
      expect(
        await token(
          { ...second.form, code_verifier: pkce().verifier },
          SPA_ORIGIN,
        ),
      ).toMatchObject(aadError(400, 'invalid_grant', 501481));
    });
  });

  describe('a resource that accepts v1 tokens', () => {
    it.each([`${V1_IDENTIFIER}/access_as_user`, `${V1_IDENTIFIER}/.default`])(
      'gets a v1 token for %s: the audience asked for, appid, the STS issuer, every group',
      async scope => {
        const answer = await webSignIn(`${scope} openid profile`);
        expect(answer.status).toBe(200);
        expect(answer.body.scope).toBe(`${V1_IDENTIFIER}/access_as_user`);
        const access = decodeJwt(answer.body.access_token);
        expect(access).toMatchObject({
          aud: V1_IDENTIFIER,
          iss: `https://sts.windows.net/${box.tenantId}/`,
          appid: web.appId,
          appidacr: '1',
          ver: '1.0',
          scp: 'access_as_user',
          upn: PAT.userPrincipalName,
          name: PAT.displayName,
        });
        expect((access.groups as string[]).sort()).toEqual(
          [ADMINS.id, NEWSLETTER.id].sort(),
        );
        expect(access).not.toHaveProperty('azp');
        expect(access).not.toHaveProperty('preferred_username');
        // The ID token's groups follow the client's setting, not the resource's.
        expect(decodeJwt(answer.body.id_token).groups).toEqual([ADMINS.id]);
      },
    );
  });

  describe('application tokens', () => {
    it("follow the resource's token version, with neither scp nor roles when none are assigned", async () => {
      const v1 = decodeJwt(
        await clientCredentialsToken(
          box,
          agent,
          { clientId: web.appId, clientSecret: web.secret },
          `${legacy.appId}/.default`,
        ),
      );
      expect(v1).toMatchObject({
        aud: legacy.appId,
        iss: `https://sts.windows.net/${box.tenantId}/`,
        appid: web.appId,
        ver: '1.0',
      });
      expect(v1).not.toHaveProperty('azp');
      const v2 = decodeJwt(
        await clientCredentialsToken(
          box,
          agent,
          { clientId: legacy.appId, clientSecret: legacy.secret },
          `${web.appId}/.default`,
        ),
      );
      expect(v2).toMatchObject({
        aud: web.appId,
        iss: `${box.url}/${box.tenantId}/v2.0`,
        azp: legacy.appId,
        azpacr: '1',
        ver: '2.0',
      });
      for (const claims of [v1, v2]) {
        expect(claims).not.toHaveProperty('scp');
        expect(claims).not.toHaveProperty('roles');
      }
    });
  });

  describe("Graph's userinfo", () => {
    async function userinfo(accessToken: string) {
      return jsonResponse(
        await fetch(`${box.url}/oidc/userinfo`, {
          dispatcher: agent,
          headers: { authorization: `Bearer ${accessToken}` },
        }),
      );
    }

    it('answers a Graph token', async () => {
      const answer = await webSignIn('openid profile email');
      expect(decodeJwt(answer.body.access_token).aud).toBe(
        '00000003-0000-0000-c000-000000000000',
      );
      const info = await userinfo(answer.body.access_token);
      expect(info.status).toBe(200);
      expect(info.body).toMatchObject({
        name: PAT.displayName,
        email: PAT.mail,
      });
    });

    it.each([
      ['v2', () => `${web.appId}/.default openid profile email`],
      ['v1', () => `${V1_IDENTIFIER}/access_as_user openid profile email`],
    ])(
      "refuses a %s token for another resource as Graph does: 401 'Invalid audience'",
      async (_, scope) => {
        const answer = await webSignIn(scope());
        const info = await userinfo(answer.body.access_token);
        expect(info.status).toBe(401);
        expect(info.body.error).toMatchObject({
          code: 'InvalidAuthenticationToken',
          message: 'Access token validation failure. Invalid audience.',
        });
        expect(info.headers.get('www-authenticate')).toMatch(
          /^Bearer error="invalid_token"/,
        );
      },
    );

    it('refuses a token signed by someone else', async () => {
      const answer = await webSignIn('openid profile');
      const [header, payload] = answer.body.access_token.split('.');
      const info = await userinfo(
        `${header}.${payload}.${randomBytes(256).toString('base64url')}`,
      );
      expect(info.status).toBe(401);
      expect(info.body.error).toMatchObject({
        code: 'InvalidAuthenticationToken',
        message: 'Access token validation failure.',
      });
    });
  });
});
