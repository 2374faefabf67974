import {
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/config';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import { LocalSecretSink } from './LocalSecretSink';
import { SecretSink } from './SecretSink';
import { camundaEntraSecretSinkServiceRef } from './secretSinkServiceRef';

/** Starts a backend whose one plugin depends on the sink, and gives the sink it got. */
async function sinkOf(
  secretSink: JsonObject,
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  let received: SecretSink | undefined;
  const backend = await startTestBackend({
    features: [
      createBackendPlugin({
        pluginId: 'camunda-entra',
        register(env) {
          env.registerInit({
            deps: { sink: camundaEntraSecretSinkServiceRef },
            async init({ sink }) {
              received = sink;
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: { camundaEntra: { secretSink } },
      }),
      ...(features ?? []),
    ],
  });
  await backend.stop();
  return received;
}

describe('camundaEntraSecretSinkServiceRef', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sink-ref-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('gives the sink camundaEntra.secretSink configures', async () => {
    const sink = await sinkOf({ type: 'local', local: { directory: root } });

    expect(sink).toBeInstanceOf(LocalSecretSink);
    expect(
      sink?.describe(
        {
          requestId: 'r1',
          deployment: 'payments',
          namespace: 'payments-camunda',
          secretName: 'entra-credentials',
        },
        'write',
      ),
    ).toContain(root);
  });

  it('refuses to start on a Key Vault sink without the directory whose identity it uses', async () => {
    await expect(
      sinkOf({
        type: 'azureKeyVault',
        azureKeyVault: {
          vaultUrl: 'https://payments-kv.vault.azure.net',
          storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
        },
      }),
    ).rejects.toThrow(/azureKeyVault signs in with camundaEntra.directory/);
  });

  it("is replaced by a module's factory, which the sink configuration then does not concern", async () => {
    const custom = { describe: () => 'the custom store' } as Partial<SecretSink>;

    const sink = await sinkOf({ type: 'custom-store' }, [
      createServiceFactory({
        service: camundaEntraSecretSinkServiceRef,
        deps: {},
        factory: () => custom as SecretSink,
      }),
    ]);

    expect(sink).toBe(custom);
  });
});
