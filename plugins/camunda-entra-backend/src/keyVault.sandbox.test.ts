import { SecretClient } from '@azure/keyvault-secrets';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { ENTRA_SECRET_KEYS } from '@camunda-entra/plugin-camunda-entra-node';
import { Knex } from 'knex';
import request from 'supertest';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { sandboxDirectoryConfig } from './__testUtils__/sandboxDirectory';
import {
  sandboxVaultClient,
  VAULT_READER as OPERATOR,
  VAULT_WRITER as PORTAL,
} from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { camundaEntraPlugin } from './plugin';

jest.setTimeout(60_000);

const ALICE = mockCredentials.user.header('user:default/alice');

/**
 * The portal configured with the Key Vault sink, as in production: the directory and the
 * vault of the sandbox, the vault reached with the directory's identity.
 */
describe('provisioning into the sandbox Key Vault', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let vault: SecretClient;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({
      seed: 8,
      keyVaultPort: 0,
      identities: [PORTAL, OPERATOR],
    });
    vault = sandboxVaultClient(sandbox, OPERATOR);
  });
  afterAll(() => sandbox.stop());

  function startBackend(knex: Knex) {
    return startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              approval: { required: false },
              secretSink: {
                type: 'azureKeyVault',
                azureKeyVault: {
                  vaultUrl: sandbox.keyVaultUrl,
                  storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
                },
              },
              directory: sandboxDirectoryConfig(sandbox, {
                clientId: PORTAL.clientId,
                clientSecret: PORTAL.clientSecret,
              }),
              provisioning: { pollInterval: { milliseconds: 100 } },
            },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
  }

  async function provision(
    server: Parameters<typeof request>[0],
  ): Promise<CamundaEntraRequest> {
    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', ALICE)
      .send({
        spec: {
          ...FULL_SPEC,
          secretStore: {
            type: 'azureKeyVault',
            vaultUrl: sandbox.keyVaultUrl,
            storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
          },
        },
      });
    expect(created.status).toBe(201);
    for (let i = 0; i < 600; i++) {
      const { body } = await request(server)
        .get(`/api/camunda-entra/requests/${created.body.id}`)
        .set('Authorization', ALICE);
      if (body.state === 'provisioned') return body;
      if (body.state === 'failed') {
        throw new Error(`failed: ${body.failureReason}`);
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`request ${created.body.id} never became provisioned`);
  }

  it('puts the four client secrets into the vault with their names, tags and end dates; provisioning again adds versions', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startBackend(knex);

    const done = await provision(server);

    const clients = Object.keys(done.secrets!) as Array<
      keyof typeof ENTRA_SECRET_KEYS
    >;
    expect(clients.map(client => ENTRA_SECRET_KEYS[client]).sort()).toEqual([
      'identity-client-secret',
      'optimize-client-secret',
      'orchestration-cluster-client-secret',
      'webmodeler-api-client-secret',
    ]);
    const rows = JSON.stringify(await knex('camunda_entra_requests').select());
    const values = new Set<string>();
    for (const client of clients) {
      const name = `camunda-payments-${ENTRA_SECRET_KEYS[client]}`;
      const secret = await vault.getSecret(name);
      expect(secret.properties.contentType).toBe('text/plain');
      // Key Vault keeps whole seconds.
      expect(secret.properties.expiresOn).toEqual(
        new Date(
          Math.floor(Date.parse(done.secrets![client].endDateTime) / 1000) *
            1000,
        ),
      );
      expect(secret.properties.tags).toEqual({
        'managed-by': 'camunda-entra',
        deployment: 'payments',
        client,
        request: done.id,
      });
      expect(secret.value!.length).toBeGreaterThan(10);
      expect(rows).not.toContain(secret.value);
      values.add(secret.value!);
      expect(done.secretLocation).toContain(name);
    }
    expect(values.size).toBe(4);
    expect(done.secretLocation).toContain(
      `Azure Key Vault ${sandbox.keyVaultUrl}`,
    );

    const again = await provision(server);
    const name = 'camunda-payments-optimize-client-secret';
    const versions = [];
    for await (const version of vault.listPropertiesOfSecretVersions(name)) {
      versions.push(version);
    }
    expect(versions).toHaveLength(2);
    const latest = await vault.getSecret(name);
    expect(latest.properties.tags?.request).toBe(again.id);
    const earlier = versions.find(v => v.version !== latest.properties.version);
    expect(latest.value).not.toBe(
      (await vault.getSecret(name, { version: earlier!.version })).value,
    );
  });
});
