import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseClient, custom, generators, Issuer } from 'openid-client';
import { Agent, fetch } from 'undici';
import { readSandboxDirectoryFile } from './directory/directoryFile';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const EXAMPLE = path.resolve(
  __dirname,
  '../../../examples/entra-directory.yaml',
);
const REDIRECT = 'http://localhost:7007/api/auth/oidc/handler/frame';
const OTHER_REDIRECT = 'http://localhost:3000/other/callback';
const SIGN_IN = {
  clientId: '0c000000-0000-4000-8000-0000000000b1',
  clientSecret: 'sign-in-secret with+symbols',
  redirectUris: [REDIRECT, OTHER_REDIRECT],
  displayName: 'Portal sign-in',
};
const PAT = {
  id: 'e17a0000-0000-4000-8000-000000000001',
  upn: 'pat@camunda-entra.example',
};
const DISABLED_USER = {
  id: 'e17a0000-0000-4000-8000-0000000000d0',
  displayName: 'Former Employee',
  userPrincipalName: 'former@camunda-entra.example',
  accountEnabled: false,
};

describe('sign-in with the authorization code flow', () => {
  let box: EntraSandbox;
  let issuer: Issuer<BaseClient>;
  let agent: Agent;

  beforeAll(async () => {
    const directory = readSandboxDirectoryFile(EXAMPLE);
    box = await startEntraSandbox({
      ...directory,
      users: [...directory.users, DISABLED_USER],
      signInClients: [SIGN_IN],
      browserPort: 0,
    });
    agent = new Agent({ connect: { ca: box.caPem } });
    custom.setHttpOptionsDefaults({ ca: box.caPem });
    issuer = await Issuer.discover(box.metadataUrl);
  });

  afterAll(() => box.stop());

  function client(secret = SIGN_IN.clientSecret) {
    return new issuer.Client({
      client_id: SIGN_IN.clientId,
      client_secret: secret,
      redirect_uris: [REDIRECT],
      response_types: ['code'],
    });
  }

  function pkce() {
    const verifier = generators.codeVerifier();
    return {
      verifier,
      state: generators.state(),
      nonce: generators.nonce(),
      challenge: generators.codeChallenge(verifier),
    };
  }

  /** What a browser gets for a URL, without following redirects. */
  async function open(url: string, init: Parameters<typeof fetch>[1] = {}) {
    const response = await fetch(url, {
      redirect: 'manual',
      dispatcher: agent,
      ...init,
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      cookie: response.headers.get('set-cookie'),
      html: await response.text(),
    };
  }

  async function authorize(
    flow: ReturnType<typeof pkce>,
    extra: Record<string, string> = {},
  ) {
    return open(
      client().authorizationUrl({
        scope: 'openid profile email offline_access',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: flow.challenge,
        code_challenge_method: 'S256',
        ...extra,
      }),
    );
  }

  it('publishes the browser pages on HTTP and everything else on HTTPS', () => {
    expect(issuer.metadata).toMatchObject({
      issuer: `${box.url}/${box.tenantId}/v2.0`,
      authorization_endpoint: `${box.browserUrl}/${box.tenantId}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${box.browserUrl}/${box.tenantId}/oauth2/v2.0/logout`,
      token_endpoint: `${box.url}/${box.tenantId}/oauth2/v2.0/token`,
      userinfo_endpoint: `${box.url}/oidc/userinfo`,
      code_challenge_methods_supported: ['S256', 'plain'],
    });
    expect(box.browserUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(box.url).toMatch(/^https:\/\//);
  });

  it('signs in with login_hint: code, tokens validated by openid-client, userinfo, refresh', async () => {
    const flow = pkce();
    const answer = await authorize(flow, { login_hint: PAT.upn });
    expect(answer.status).toBe(302);
    const location = new URL(answer.location!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe(flow.state);

    const oidc = client();
    const tokens = await oidc.callback(
      REDIRECT,
      oidc.callbackParams(answer.location!),
      {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.verifier,
      },
    );
    expect(tokens.claims()).toMatchObject({
      iss: `${box.url}/${box.tenantId}/v2.0`,
      aud: SIGN_IN.clientId,
      oid: PAT.id,
      tid: box.tenantId,
      name: 'Pat Platform',
      preferred_username: PAT.upn,
      email: 'pat@camunda-entra.example',
      nonce: flow.nonce,
      ver: '2.0',
    });
    expect(tokens.claims().sub).toMatch(/^[\w-]{43}$/);
    expect(tokens.claims().sub).not.toBe(PAT.id);
    expect(tokens.refresh_token).toBeDefined();

    const userinfo = await oidc.userinfo(tokens);
    expect(userinfo).toEqual({
      sub: tokens.claims().sub,
      name: 'Pat Platform',
      given_name: 'Pat',
      family_name: 'Platform',
      email: 'pat@camunda-entra.example',
    });

    const refreshed = await oidc.refresh(tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({
      oid: PAT.id,
      sub: tokens.claims().sub,
    });
    expect(refreshed.claims().nonce).toBeUndefined();
  });

  it('lists enabled users on the sign-in page and signs in the one picked', async () => {
    const flow = pkce();
    const page = await authorize(flow);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Pat Platform');
    expect(page.html).toContain('Dana Developer');
    expect(page.html).not.toContain('Former Employee');

    const form = new URLSearchParams(
      [
        ...page.html.matchAll(
          /<input type="hidden" name="([^"]+)" value="([^"]*)">/g,
        ),
      ].map(([, name, value]) => [name, value.replace(/&amp;/g, '&')]),
    );
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)![1];
    form.set('user_id', 'e17a0000-0000-4000-8000-000000000002');
    const post = () =>
      open(`${box.browserUrl}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
    const picked = await post();
    expect(picked.status).toBe(302);
    const oidc = client();
    const tokens = await oidc.callback(
      REDIRECT,
      oidc.callbackParams(picked.location!),
      {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: flow.verifier,
      },
    );
    expect(tokens.claims().preferred_username).toBe(
      'dana@camunda-entra.example',
    );

    form.set('user_id', DISABLED_USER.id);
    const disabled = await post();
    expect(disabled.status).toBe(400);
    expect(disabled.location).toBeNull();
    expect(disabled.html).toContain('AADSTS50057');
  });

  it('answers prompt=none without a session with login_required, and signs in silently with one', async () => {
    const flow = pkce();
    const silent = await authorize(flow, { prompt: 'none' });
    const error = new URL(silent.location!).searchParams;
    expect(error.get('error')).toBe('login_required');
    expect(error.get('error_description')).toMatch(/^AADSTS50058: /);
    expect(error.get('state')).toBe(flow.state);

    const signedIn = await authorize(pkce(), { login_hint: PAT.upn });
    const session = signedIn.cookie!.split(';')[0];
    const again = await open(
      client().authorizationUrl({
        scope: 'openid',
        prompt: 'none',
        state: 's',
      }),
      { headers: { cookie: session } },
    );
    expect(new URL(again.location!).searchParams.get('code')).toBeTruthy();

    const loggedOut = await open(
      `${
        issuer.metadata.end_session_endpoint
      }?post_logout_redirect_uri=${encodeURIComponent(
        'https://evil.example/',
      )}`,
      { headers: { cookie: session } },
    );
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.location).toBeNull();
    const afterLogout = await open(
      client().authorizationUrl({ scope: 'openid', prompt: 'none' }),
      { headers: { cookie: session } },
    );
    expect(new URL(afterLogout.location!).searchParams.get('error')).toBe(
      'login_required',
    );
  });

  describe('refuses', () => {
    async function code(flow = pkce()) {
      const answer = await authorize(flow, { login_hint: PAT.upn });
      return { flow, params: client().callbackParams(answer.location!) };
    }

    async function redeem(
      { flow, params }: Awaited<ReturnType<typeof code>>,
      options: {
        verifier?: string;
        secret?: string;
        redirectUri?: string;
      } = {},
    ) {
      const oidc = client(options.secret);
      return oidc.callback(options.redirectUri ?? REDIRECT, params, {
        state: flow.state,
        nonce: flow.nonce,
        code_verifier: options.verifier ?? flow.verifier,
      });
    }

    it('a wrong PKCE verifier', async () => {
      await expect(
        redeem(await code(), { verifier: generators.codeVerifier() }),
      ).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/^AADSTS501481: /),
      });
    });

    it('a code used twice', async () => {
      const issued = await code();
      await redeem(issued);
      await expect(redeem(issued)).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/^AADSTS54005: /),
      });
    });

    it('a code redeemed for another redirect URI', async () => {
      await expect(
        redeem(await code(), { redirectUri: OTHER_REDIRECT }),
      ).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: expect.stringMatching(/^AADSTS500112: /),
      });
    });

    it('a wrong client secret', async () => {
      await expect(
        redeem(await code(), { secret: 'not-the-secret' }),
      ).rejects.toMatchObject({
        error: 'invalid_client',
        error_description: expect.stringMatching(/^AADSTS7000215: /),
      });
    });

    it('an unregistered redirect URI, on a page and without redirecting', async () => {
      const url = new URL(client().authorizationUrl({ scope: 'openid' }));
      url.searchParams.set('redirect_uri', 'https://evil.example/callback');
      const answer = await open(url.toString());
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
      expect(answer.html).toContain('AADSTS50011');
    });

    it('an unknown client, on a page', async () => {
      const url = new URL(client().authorizationUrl({ scope: 'openid' }));
      url.searchParams.set('client_id', '0c000000-0000-4000-8000-00000000dead');
      const answer = await open(url.toString());
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
      expect(answer.html).toContain('AADSTS700016');
    });

    it('unsupported response types and scopes, at the registered redirect URI', async () => {
      const implicit = await open(
        client().authorizationUrl({ scope: 'openid', response_type: 'token' }),
      );
      expect(new URL(implicit.location!).searchParams.get('error')).toBe(
        'unsupported_response_type',
      );
      const scope = await open(
        client().authorizationUrl({ scope: 'openid Mail.Send', state: 'x' }),
      );
      expect(
        Object.fromEntries(new URL(scope.location!).searchParams),
      ).toMatchObject({
        error: 'invalid_scope',
        error_description: expect.stringMatching(/^AADSTS70011: .*'Mail.Send'/),
        state: 'x',
      });
    });

    it('the user access token on Graph endpoints that need application permissions', async () => {
      const tokens = await redeem(await code());
      const response = await fetch(`${box.url}/v1.0/users`, {
        dispatcher: agent,
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as any).error.code).toBe(
        'Authorization_RequestDenied',
      );
    });

    it('userinfo without a user token', async () => {
      await expect(client().userinfo('not-a-token')).rejects.toMatchObject({
        error: 'invalid_token',
      });
    });
  });
});

describe('sign-in across a restart', () => {
  it('keeps refresh tokens and the browser session in the state file', async () => {
    const stateFile = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'entra-sign-in-')),
      'state.json',
    );
    const options = {
      ...readSandboxDirectoryFile(EXAMPLE),
      signInClients: [SIGN_IN],
      stateFile,
      tenantId: '7e57ab1e-0000-4000-8000-00000000e1d2',
    };
    const first = await startEntraSandbox(options);
    custom.setHttpOptionsDefaults({ ca: first.caPem });
    const firstClient = new (await Issuer.discover(first.metadataUrl)).Client({
      client_id: SIGN_IN.clientId,
      client_secret: SIGN_IN.clientSecret,
      redirect_uris: [REDIRECT],
    });
    const agent = new Agent({ connect: { ca: first.caPem } });
    const state = generators.state();
    const answer = await fetch(
      firstClient.authorizationUrl({
        scope: 'openid offline_access',
        login_hint: PAT.upn,
        state,
      }),
      { redirect: 'manual', dispatcher: agent },
    );
    const tokens = await firstClient.callback(
      REDIRECT,
      firstClient.callbackParams(answer.headers.get('location')!),
      { state },
    );
    const cookie = answer.headers.get('set-cookie')!.split(';')[0];
    await first.stop();

    const second = await startEntraSandbox(options);
    try {
      const secondClient = new (
        await Issuer.discover(second.metadataUrl)
      ).Client({
        client_id: SIGN_IN.clientId,
        client_secret: SIGN_IN.clientSecret,
        redirect_uris: [REDIRECT],
      });
      const refreshed = await secondClient.refresh(tokens.refresh_token!);
      expect(refreshed.claims().oid).toBe(PAT.id);
      const silent = await fetch(
        secondClient.authorizationUrl({ scope: 'openid', prompt: 'none' }),
        {
          redirect: 'manual',
          dispatcher: new Agent({ connect: { ca: second.caPem } }),
          headers: { cookie },
        },
      );
      expect(
        new URL(silent.headers.get('location')!).searchParams.get('code'),
      ).toBeTruthy();
      expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(
        tokens.refresh_token!,
      );
    } finally {
      await second.stop();
    }
  });
});

describe('sign-in clients', () => {
  it('must have redirect URIs Entra accepts', async () => {
    await expect(
      startEntraSandbox({
        signInClients: [
          { ...SIGN_IN, redirectUris: ['http://portal.example/cb'] },
        ],
      }),
    ).rejects.toThrow(
      `signInClients ${SIGN_IN.clientId}: redirectUris must be https, or http on localhost or 127.0.0.1`,
    );
  });
});

describe('sign-in without a browser listener', () => {
  it('keeps the browser pages on the HTTPS origin', async () => {
    const box = await startEntraSandbox({ signInClients: [SIGN_IN] });
    try {
      const response = await fetch(box.metadataUrl, {
        dispatcher: new Agent({ connect: { ca: box.caPem } }),
      });
      const metadata = (await response.json()) as any;
      expect(box.browserUrl).toBe(box.url);
      expect(metadata.authorization_endpoint).toBe(
        `${box.url}/${box.tenantId}/oauth2/v2.0/authorize`,
      );
    } finally {
      await box.stop();
    }
  });
});
