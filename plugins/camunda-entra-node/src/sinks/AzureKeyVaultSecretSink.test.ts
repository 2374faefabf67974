import { SecretClient } from '@azure/keyvault-secrets';
import { ConflictError, InputError } from '@backstage/errors';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { resolveEntraDirectoryConfig } from '../directory/config';
import {
  sandboxDirectoryConfig,
  sandboxVaultClient,
  VAULT_READER as OPERATOR,
  VAULT_WRITER as PORTAL,
} from '../testUtils';
import { AzureKeyVaultSinkConfig } from './config';
import { AzureKeyVaultSecretSink } from './AzureKeyVaultSecretSink';
import { SecretSinkRefusedError, SecretSinkTarget } from './SecretSink';

jest.setTimeout(60_000);

const EXPIRES = '2027-06-01T12:00:00.000Z';

describe('AzureKeyVaultSecretSink against the sandbox vault', () => {
  let sandbox: EntraSandbox;
  let reader: SecretClient;
  let stateDirectory: string;

  /** A deployment whose values read the sandbox's vault. */
  function target(deployment: string): SecretSinkTarget {
    return {
      requestId: 'req-1',
      deployment,
      namespace: 'camunda',
      secretName: 'entra-credentials',
      secretStore: { vaultUrl: sandbox.keyVaultUrl! },
    };
  }

  function sink(options: Partial<AzureKeyVaultSinkConfig> = {}) {
    return AzureKeyVaultSecretSink.fromConfig({
      config: {
        vaultUrl: sandbox.keyVaultUrl!,
        store: { storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' } },
        ...options,
      },
      directory: resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
    });
  }

  beforeAll(async () => {
    stateDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-sink-'));
    sandbox = await startEntraSandbox({
      keyVaultPort: 0,
      identities: [PORTAL, OPERATOR],
      stateFile: path.join(stateDirectory, 'state.json'),
    });
    reader = sandboxVaultClient(sandbox, OPERATOR);
  });
  afterAll(async () => {
    await sandbox.stop();
    fs.rmSync(stateDirectory, { recursive: true, force: true });
  });

  it('stores each key as camunda-<deployment>-<key>, text/plain, tagged, expiring with the Entra secret', async () => {
    const { location } = await sink().write(
      target('payments'),
      {
        'orchestration-cluster-client-secret': 'orchestration-secret-text',
        'optimize-client-secret': 'optimize-secret-text',
      },
      {
        'orchestration-cluster-client-secret': {
          client: 'orchestration',
          expiresAt: EXPIRES,
        },
        'optimize-client-secret': { client: 'optimize', expiresAt: EXPIRES },
      },
    );

    expect(location).toBe(
      `Azure Key Vault ${sandbox.keyVaultUrl}: camunda-payments-orchestration-cluster-client-secret, camunda-payments-optimize-client-secret`,
    );
    const secret = await reader.getSecret(
      'camunda-payments-orchestration-cluster-client-secret',
    );
    expect(secret.value).toBe('orchestration-secret-text');
    expect(secret.properties.contentType).toBe('text/plain');
    expect(secret.properties.expiresOn).toEqual(new Date(EXPIRES));
    expect(secret.properties.tags).toEqual({
      'managed-by': 'camunda-entra',
      deployment: 'payments',
      client: 'orchestration',
      request: 'req-1',
    });
    expect(
      (await reader.getSecret('camunda-payments-optimize-client-secret')).value,
    ).toBe('optimize-secret-text');
  });

  it('adds a version when a secret is rotated', async () => {
    const key = 'identity-client-secret';
    const name = 'camunda-rotated-identity-client-secret';
    await sink().write(target('rotated'), { [key]: 'first-secret-text' });
    await sink().update(
      target('rotated'),
      { [key]: 'second-secret-text' },
      { [key]: { client: 'identity', expiresAt: EXPIRES } },
    );

    const versions = [];
    for await (const version of reader.listPropertiesOfSecretVersions(name)) {
      versions.push(version);
    }
    expect(versions).toHaveLength(2);
    const latest = await reader.getSecret(name);
    expect(latest.value).toBe('second-secret-text');
    expect(latest.properties.expiresOn).toEqual(new Date(EXPIRES));
  });

  it('fails as refused, naming the vault, the secret and the missing role, when the vault refuses the identity', async () => {
    const write = sink({
      identity: {
        clientId: OPERATOR.clientId,
        clientSecret: OPERATOR.clientSecret,
      },
    }).write(target('refused'), {
      'optimize-client-secret': 'refused-secret-text',
    });

    await expect(write).rejects.toThrow(SecretSinkRefusedError);
    const error: Error = await write.catch(e => e);
    expect(error.message).toContain(sandbox.keyVaultUrl);
    expect(error.message).toContain('camunda-refused-optimize-client-secret');
    expect(error.message).toContain('HTTP 403');
    expect(error.message).toContain('Key Vault Secrets Officer');
    expect(error.message).toContain(OPERATOR.clientId);
    expect(error.message).not.toContain('refused-secret-text');
    await expect(
      reader.getSecret('camunda-refused-optimize-client-secret'),
    ).rejects.toMatchObject({ statusCode: 404 });
  });

  it('leaves a secret of the same name that is not camunda-entra’s alone and stores nothing', async () => {
    const writer = sandboxVaultClient(sandbox, PORTAL);
    await writer.setSecret(
      'camunda-foreign-optimize-client-secret',
      'someone-elses-text',
    );

    await expect(
      sink().write(target('foreign'), {
        'identity-client-secret': 'identity-secret-text',
        'optimize-client-secret': 'optimize-secret-text',
      }),
    ).rejects.toThrow(ConflictError);
    expect(
      (await reader.getSecret('camunda-foreign-optimize-client-secret')).value,
    ).toBe('someone-elses-text');
    await expect(
      reader.getSecret('camunda-foreign-identity-client-secret'),
    ).rejects.toMatchObject({ statusCode: 404 });

    // A deleted secret keeps its name until purged: say so before writing anything.
    await (
      await writer.beginDeleteSecret('camunda-foreign-optimize-client-secret', {
        intervalInMs: 10,
      })
    ).pollUntilDone();
    await expect(
      sink().write(target('foreign'), {
        'optimize-client-secret': 'optimize-secret-text',
      }),
    ).rejects.toThrow(/deleted and is kept for recovery.*purge it/);
  });

  it('does not call a failure after the first secret was stored a refusal, and names what was stored', async () => {
    // Key Vault refuses values over 25 KB; the first secret is stored by then.
    const write = sink().write(target('partial'), {
      'identity-client-secret': 'identity-secret-text',
      'optimize-client-secret': 'x'.repeat(26 * 1024),
    });

    const error: Error = await write.catch(e => e);
    expect(error).not.toBeInstanceOf(SecretSinkRefusedError);
    expect(error.message).toContain(
      'refused the secret camunda-partial-optimize-client-secret after it stored camunda-partial-identity-client-secret, which stay: HTTP 400',
    );
    expect(
      (await reader.getSecret('camunda-partial-identity-client-secret')).value,
    ).toBe('identity-secret-text');
  });

  it('gives a host outside Key Vault that challenges for another resource no token', async () => {
    // A server on the sandbox's certificate, challenging for Microsoft Graph instead of the vault.
    const { tls } = JSON.parse(
      fs.readFileSync(path.join(stateDirectory, 'state.json'), 'utf8'),
    );
    const authorizations: string[] = [];
    const impostor = https.createServer(
      { key: tls.serverKeyPem, cert: tls.serverCertPem },
      (req, res) => {
        if (req.headers.authorization) {
          authorizations.push(req.headers.authorization);
        }
        res.writeHead(401, {
          'www-authenticate': `Bearer authorization="${sandbox.authorityHost}/${sandbox.tenantId}", resource="https://graph.microsoft.com"`,
        });
        res.end();
      },
    );
    await new Promise<void>(resolve =>
      impostor.listen(0, '127.0.0.1', resolve),
    );
    const vaultUrl = `https://127.0.0.1:${
      (impostor.address() as AddressInfo).port
    }`;
    try {
      const write = sink({ vaultUrl }).write(
        { ...target('payments'), secretStore: { vaultUrl } },
        { 'optimize-client-secret': 'impostor-secret-text' },
      );

      const error: Error = await write.catch(e => e);
      expect(authorizations).toEqual([]);
      expect(error).toBeInstanceOf(SecretSinkRefusedError);
      expect(error.message).toContain('https://graph.microsoft.com/.default');
      expect(error.message).not.toContain('impostor-secret-text');
    } finally {
      await new Promise(resolve => impostor.close(resolve));
    }
  });

  it('refuses a deployment name that cannot be part of a secret name', () => {
    expect(() => sink().checkTarget(target('pay_ments'))).toThrow(InputError);
  });

  it('refuses a deployment whose values do not read this vault', () => {
    const { secretStore, ...withoutStore } = target('payments');
    expect(() => sink().checkTarget(withoutStore)).toThrow(
      /^secretStore: the portal delivers client secrets to Azure Key Vault/,
    );
    expect(() =>
      sink().checkTarget({
        ...withoutStore,
        secretStore: { vaultUrl: 'https://other-kv.vault.azure.net' },
      }),
    ).toThrow(
      `secretStore.vaultUrl: https://other-kv.vault.azure.net is not the vault the portal delivers client secrets to (${
        secretStore!.vaultUrl
      })`,
    );
  });

  it('describes where the secrets go and where a key is kept, without any secret text', () => {
    expect(sink().describe(target('payments'), 'write')).toContain(
      `camunda-payments-orchestration-cluster-client-secret), in Azure Key Vault ${sandbox.keyVaultUrl}`,
    );
    expect(sink().describe(target('payments'), 'update')).toContain(
      'A new version of the rotated client',
    );
    expect(sink().locate(target('payments'), 'optimize-client-secret')).toBe(
      `Azure Key Vault ${sandbox.keyVaultUrl}: camunda-payments-optimize-client-secret`,
    );
  });

  it('reads back the secrets it stored for the deployment, and no other', async () => {
    await sink().write(target('readback'), {
      'optimize-client-secret': 'optimize-secret-text',
    });
    await sandboxVaultClient(sandbox, PORTAL).setSecret(
      'camunda-readback-identity-client-secret',
      'set-by-hand',
    );

    expect(
      await sink().read(target('readback'), 'optimize-client-secret'),
    ).toBe('optimize-secret-text');
    expect(
      await sink().read(target('readback'), 'connectors-client-secret'),
    ).toBeUndefined();
    const foreign = await sink()
      .read(target('readback'), 'identity-client-secret')
      .catch(e => e);
    expect(foreign).toBeInstanceOf(ConflictError);
    expect(JSON.stringify([String(foreign), foreign.stack])).not.toContain(
      'set-by-hand',
    );
  });
});
