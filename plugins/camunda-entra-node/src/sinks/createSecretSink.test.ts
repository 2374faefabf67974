import { InputError } from '@backstage/errors';
import { resolveEntraDirectoryConfig } from '../directory/config';
import { mkdtemp, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import { FakeKubernetesApi } from './__testUtils__/FakeKubernetesApi';
import { AzureKeyVaultSecretSink } from './AzureKeyVaultSecretSink';
import { createSecretSink } from './createSecretSink';
import { LocalSecretSink } from './LocalSecretSink';

describe('createSecretSink', () => {
  let root: string;
  let api: FakeKubernetesApi;
  const kubeconfigBefore = process.env.KUBECONFIG;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'create-sink-'));
    api = await FakeKubernetesApi.start();
  });
  afterEach(async () => {
    process.env.KUBECONFIG = kubeconfigBefore;
    await api.close();
    await rm(root, { recursive: true, force: true });
  });

  it('makes the local sink by default', () => {
    expect(createSecretSink({ type: 'local', directory: root })).toBeInstanceOf(
      LocalSecretSink,
    );
  });

  it("makes the Kubernetes sink on the kubeconfig's chosen context, restricted to the allowed namespaces", async () => {
    const file = path.join(root, 'kubeconfig');
    await writeFile(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          // http needs skipTLSVerify in the client; the fake API server has no TLS
          {
            name: 'fake',
            cluster: { server: api.url, 'insecure-skip-tls-verify': true },
          },
          { name: 'elsewhere', cluster: { server: 'http://127.0.0.1:1' } },
        ],
        users: [{ name: 'fake', user: { token: 'fake-token' } }],
        contexts: [
          { name: 'fake', context: { cluster: 'fake', user: 'fake' } },
          {
            name: 'elsewhere',
            context: { cluster: 'elsewhere', user: 'fake' },
          },
        ],
        'current-context': 'elsewhere',
      }),
    );
    process.env.KUBECONFIG = file;
    const target = {
      requestId: 'r1',
      deployment: 'payments',
      namespace: 'camunda-payments',
      secretName: 'entra-credentials',
    };

    const sink = createSecretSink({
      type: 'kubernetes',
      context: 'fake',
      allowedNamespaces: ['camunda-*'],
    });

    expect(() =>
      sink.checkTarget({ ...target, namespace: 'payments' }),
    ).toThrow(InputError);
    await sink.write(target, { key: 'value' });
    expect(api.decodedData('camunda-payments', 'entra-credentials')).toEqual({
      key: 'value',
    });
  });

  it("makes the Key Vault sink, signing in as the directory's identity", () => {
    const config = {
      type: 'azureKeyVault' as const,
      azureKeyVault: {
        vaultUrl: 'https://payments-kv.vault.azure.net',
        store: {
          storeRef: { kind: 'ClusterSecretStore' as const, name: 'azure-kv' },
        },
      },
    };
    const directory = resolveEntraDirectoryConfig({
      tenantId: '00000000-0000-4000-8000-000000000001',
      clientId: 'portal',
      clientSecret: 'portal-secret',
    });

    expect(
      createSecretSink(config, { directory: () => directory }),
    ).toBeInstanceOf(AzureKeyVaultSecretSink);
    expect(() => createSecretSink(config)).toThrow(/needs the directory/);
  });
});
