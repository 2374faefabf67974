import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { clientCredentialsToken, jsonResponse } from './__testUtils__/http';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const WRITER = {
  clientId: '0b000000-0000-4000-8000-000000000001',
  clientSecret: 'writer-secret',
  keyVaultRoles: ['Key Vault Secrets Officer'],
};
const READER = {
  clientId: '0b000000-0000-4000-8000-000000000002',
  clientSecret: 'reader-secret',
  keyVaultRoles: ['Key Vault Secrets User'],
};
const API = 'api-version=7.6';

type Identity = { clientId: string; clientSecret: string };

/** Raw HTTPS calls to the sandbox's vault, as Key Vault's REST API takes them. */
function vaultClient(box: EntraSandbox) {
  const agent = new Agent({ connect: { ca: box.caPem } });
  const tokens = new Map<string, string>();

  async function token(identity: Identity, scope: string) {
    const key = `${identity.clientId} ${scope}`;
    if (!tokens.has(key)) {
      tokens.set(
        key,
        await clientCredentialsToken(box, agent, identity, scope),
      );
    }
    return tokens.get(key)!;
  }

  return async function vault(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    options: { identity?: Identity | null; scope?: string } = {},
  ) {
    const identity = options.identity === undefined ? WRITER : options.identity;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
    };
    if (identity) {
      const scope = options.scope ?? 'https://vault.azure.net/.default';
      headers.authorization = `Bearer ${await token(identity, scope)}`;
    }
    const url = pathAndQuery.startsWith('https://')
      ? pathAndQuery
      : `${box.keyVaultUrl}${pathAndQuery}`;
    const response = await fetch(url, {
      method,
      dispatcher: agent,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return jsonResponse(response);
  };
}

describe('the sandbox Key Vault', () => {
  let directory: string;
  let box: EntraSandbox;
  let vault: ReturnType<typeof vaultClient>;

  beforeEach(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-vault-'));
    box = await startEntraSandbox({
      keyVaultPort: 0,
      stateFile: path.join(directory, 'state.json'),
      identities: [WRITER, READER],
    });
    vault = vaultClient(box);
  });

  afterEach(async () => {
    await box.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('challenges a request without a token with the tenant authority and the vault resource', async () => {
    const response = await vault('GET', `/secrets/any?${API}`, undefined, {
      identity: null,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer authorization="${box.authorityHost}/${box.tenantId}", resource="https://vault.azure.net"`,
    );
    expect(response.body.error.code).toBe('Unauthorized');
  });

  it('refuses a token for Microsoft Graph', async () => {
    const response = await vault('GET', `/secrets/any?${API}`, undefined, {
      scope: `${box.url}/.default`,
    });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toMatch(/AKV10022: Invalid audience/);
  });

  it('requires a known api-version', async () => {
    expect((await vault('GET', '/secrets/any')).body.error).toEqual({
      code: 'BadParameter',
      message: 'The api-version query parameter is required.',
    });
    const unknown = await vault('GET', '/secrets/any?api-version=1.0');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/not recognized/);
  });

  it('refuses names other than letters, digits and dashes of up to 127 characters', async () => {
    for (const name of ['under_score', 'a'.repeat(128)]) {
      const response = await vault('PUT', `/secrets/${name}?${API}`, {
        value: 'x',
      });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('BadParameter');
    }
    expect(
      (await vault('PUT', `/secrets/${'a'.repeat(127)}?${API}`, { value: 'x' }))
        .status,
    ).toBe(200);
  });

  it('adds a version on each set and answers the latest or a given one', async () => {
    const first = await vault('PUT', `/secrets/Camunda-Key?${API}`, {
      value: 'one',
      contentType: 'text/plain',
      tags: { deployment: 'payments' },
      attributes: { exp: 1900000000 },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      value: 'one',
      id: expect.stringMatching(
        new RegExp(`^${box.keyVaultUrl}/secrets/Camunda-Key/[0-9a-f]{32}$`),
      ),
      contentType: 'text/plain',
      tags: { deployment: 'payments' },
      attributes: {
        enabled: true,
        exp: 1900000000,
        created: expect.any(Number),
        updated: expect.any(Number),
        recoveryLevel: 'Recoverable+Purgeable',
        recoverableDays: 90,
      },
    });
    await vault('PUT', `/secrets/camunda-key?${API}`, { value: 'two' });

    // Names are case-insensitive; ids keep the first spelling.
    const latest = await vault('GET', `/secrets/CAMUNDA-KEY?${API}`);
    expect(latest.body.value).toBe('two');
    expect(latest.body.id).toContain('/secrets/Camunda-Key/');
    const version = first.body.id.split('/').pop();
    expect(
      (await vault('GET', `/secrets/camunda-key/${version}?${API}`)).body.value,
    ).toBe('one');
  });

  it('lists versions without their values, page by page', async () => {
    for (const value of ['1', '2', '3']) {
      await vault('PUT', `/secrets/paged?${API}`, { value });
    }
    const first = await vault(
      'GET',
      `/secrets/paged/versions?${API}&maxresults=2`,
    );
    expect(first.body.value).toHaveLength(2);
    expect(first.body.value[0]).not.toHaveProperty('value');
    const second = await vault('GET', first.body.nextLink);
    expect(second.body.value).toHaveLength(1);
    expect(second.body.nextLink).toBeNull();
    expect(
      (await vault('GET', `/secrets/paged/versions?${API}&maxresults=26`))
        .status,
    ).toBe(400);
  });

  it('answers SecretNotFound for a missing secret or version', async () => {
    const missing = await vault('GET', `/secrets/missing?${API}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('SecretNotFound');
    await vault('PUT', `/secrets/present?${API}`, { value: 'x' });
    expect(
      (await vault('GET', `/secrets/present/${'0'.repeat(32)}?${API}`)).body
        .error.code,
    ).toBe('SecretNotFound');
  });

  it('checks tags and attributes as Key Vault does, and serves no disabled secret', async () => {
    const tags = Object.fromEntries(
      Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']),
    );
    expect(
      (await vault('PUT', `/secrets/tagged?${API}`, { value: 'x', tags }))
        .status,
    ).toBe(400);
    expect(
      (
        await vault('PUT', `/secrets/dated?${API}`, {
          value: 'x',
          attributes: { exp: '2030-01-01' },
        })
      ).status,
    ).toBe(400);
    expect((await vault('PUT', `/secrets/empty?${API}`, {})).status).toBe(400);
    await vault('PUT', `/secrets/disabled?${API}`, {
      value: 'x',
      attributes: { enabled: false },
    });
    const disabled = await vault('GET', `/secrets/disabled?${API}`);
    expect(disabled.status).toBe(403);
    expect(disabled.body.error.innererror.code).toBe('SecretDisabled');
  });

  it('refuses a content type over 255 characters and attributes that are not an object', async () => {
    const put = (body: unknown) => vault('PUT', `/secrets/typed?${API}`, body);
    expect(
      (await put({ value: 'x', contentType: 't'.repeat(255) })).status,
    ).toBe(200);
    const long = await put({ value: 'x', contentType: 't'.repeat(256) });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('BadParameter');
    for (const attributes of ['enabled', [false], 1900000000]) {
      expect((await put({ value: 'x', attributes })).status).toBe(400);
    }
  });

  it('soft-deletes: the name cannot be reused until purged', async () => {
    await vault('PUT', `/secrets/gone?${API}`, { value: 'x' });
    const deleted = await vault('DELETE', `/secrets/gone?${API}`);
    expect(deleted.body).toMatchObject({
      recoveryId: `${box.keyVaultUrl}/deletedsecrets/gone`,
      deletedDate: expect.any(Number),
      scheduledPurgeDate: expect.any(Number),
    });
    expect(deleted.body).not.toHaveProperty('value');
    expect((await vault('GET', `/secrets/gone?${API}`)).status).toBe(404);
    const reused = await vault('PUT', `/secrets/gone?${API}`, { value: 'y' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.innererror.code).toBe(
      'ObjectIsDeletedButRecoverable',
    );
    expect((await vault('GET', `/deletedsecrets/gone?${API}`)).status).toBe(
      200,
    );
    expect((await vault('DELETE', `/deletedsecrets/gone?${API}`)).status).toBe(
      204,
    );
    expect(
      (await vault('PUT', `/secrets/gone?${API}`, { value: 'y' })).status,
    ).toBe(200);
  });

  it('allows each identity what its vault roles allow', async () => {
    await vault('PUT', `/secrets/shared?${API}`, { value: 'x' });
    expect(
      (
        await vault('GET', `/secrets/shared?${API}`, undefined, {
          identity: READER,
        })
      ).body.value,
    ).toBe('x');
    const refused = await vault(
      'PUT',
      `/secrets/shared?${API}`,
      { value: 'y' },
      { identity: READER },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('Forbidden');
    expect(refused.body.error.innererror.code).toBe('ForbiddenByRbac');
    expect(refused.body.error.message).toContain(
      "Action: 'Microsoft.KeyVault/vaults/secrets/setSecret/action'",
    );
    expect(refused.body.error.message).toContain(`appid=${READER.clientId}`);
  });

  it('keeps the secrets across a restart', async () => {
    await vault('PUT', `/secrets/kept?${API}`, { value: 'still here' });
    await box.stop();
    box = await startEntraSandbox({
      keyVaultPort: 0,
      stateFile: path.join(directory, 'state.json'),
      identities: [WRITER, READER],
    });
    vault = vaultClient(box);
    expect((await vault('GET', `/secrets/kept?${API}`)).body.value).toBe(
      'still here',
    );
  });
});
