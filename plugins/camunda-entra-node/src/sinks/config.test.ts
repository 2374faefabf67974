import { ConfigReader, JsonObject } from '@backstage/config';
import { readSecretSinkConfig } from './config';

function sink(secretSink: JsonObject) {
  return new ConfigReader({ camundaEntra: { secretSink } });
}

describe('readSecretSinkConfig', () => {
  it('defaults to the local sink', () => {
    expect(readSecretSinkConfig(new ConfigReader({}))).toEqual({
      type: 'local',
      directory: undefined,
    });
    expect(
      readSecretSinkConfig(sink({ local: { directory: 'secrets' } })),
    ).toEqual({ type: 'local', directory: 'secrets' });
  });

  it('reads the Kubernetes sink', () => {
    expect(
      readSecretSinkConfig(
        sink({
          type: 'kubernetes',
          kubernetes: { context: 'kind', allowedNamespaces: ['camunda-*'] },
        }),
      ),
    ).toEqual({
      type: 'kubernetes',
      context: 'kind',
      allowedNamespaces: ['camunda-*'],
    });
  });

  it('refuses unknown sinks', () => {
    expect(() => readSecretSinkConfig(sink({ type: 'vault' }))).toThrow(
      'camundaEntra.secretSink.type must be local, kubernetes or azureKeyVault, not vault',
    );
  });

  describe('the Azure Key Vault sink', () => {
    const read = (azureKeyVault: object) =>
      readSecretSinkConfig(sink({ type: 'azureKeyVault', azureKeyVault }));
    const storeRef = { kind: 'ClusterSecretStore', name: 'azure-kv' };

    it('reads the vault, the store that reads it and an identity of its own', () => {
      expect(
        read({ vaultUrl: 'https://payments-kv.vault.azure.net/', storeRef }),
      ).toEqual({
        type: 'azureKeyVault',
        azureKeyVault: {
          vaultUrl: 'https://payments-kv.vault.azure.net',
          store: { storeRef },
          caFile: undefined,
        },
      });
      expect(
        read({
          vaultUrl: 'https://127.0.0.1:7445',
          storeRef,
          clientId: 'sink-client',
          clientSecret: 'sink-secret',
          caFile: 'ca.pem',
        }),
      ).toEqual({
        type: 'azureKeyVault',
        azureKeyVault: {
          vaultUrl: 'https://127.0.0.1:7445',
          store: { storeRef },
          identity: { clientId: 'sink-client', clientSecret: 'sink-secret' },
          caFile: 'ca.pem',
        },
      });
    });

    it("reads each deployment's own SecretStore's workload identity instead of a store", () => {
      const workloadIdentity = {
        clientId: '7c3e1f00-0000-4000-8000-00000000a11c',
      };
      expect(
        read({
          vaultUrl: 'https://payments-kv.vault.azure.net',
          workloadIdentity,
        }),
      ).toMatchObject({ azureKeyVault: { store: { workloadIdentity } } });
      expect(() =>
        read({
          vaultUrl: 'https://payments-kv.vault.azure.net',
          workloadIdentity,
          storeRef,
        }),
      ).toThrow(/storeRef name workloadIdentity .* or storeRef .*, not both/);
    });

    it('refuses a vault URL that is not an https origin, a wrong store and half an identity', () => {
      for (const vaultUrl of [
        'http://payments-kv.vault.azure.net',
        'https://payments-kv.vault.azure.net/secrets',
        'payments-kv',
      ]) {
        expect(() => read({ vaultUrl, storeRef })).toThrow(
          /vaultUrl must be the vault's https URL without a path/,
        );
      }
      const vaultUrl = 'https://payments-kv.vault.azure.net';
      expect(() =>
        read({ vaultUrl, storeRef: { kind: 'Secret', name: 'azure-kv' } }),
      ).toThrow(/storeRef.kind must be SecretStore or ClusterSecretStore/);
      expect(() =>
        read({ vaultUrl, storeRef: { ...storeRef, name: 'Azure_KV' } }),
      ).toThrow(/storeRef\.name must be a Kubernetes resource name/);
      expect(() => read({ vaultUrl })).toThrow(
        "camundaEntra.secretSink.azureKeyVault needs workloadIdentity.clientId (the deployment's own SecretStore, the default) or storeRef (an existing store)",
      );
      expect(() => read({ vaultUrl, storeRef, clientId: 'only-id' })).toThrow(
        /clientId and clientSecret go together/,
      );
      expect(() => read({ storeRef })).toThrow(/vaultUrl/);
    });
  });

  it('refuses allowed namespaces that could never allow anything', () => {
    const read = (allowedNamespaces: string[]) => () =>
      readSecretSinkConfig(
        sink({ type: 'kubernetes', kubernetes: { allowedNamespaces } }),
      );

    expect(read([])).toThrow(
      'camundaEntra.secretSink.kubernetes.allowedNamespaces must name at least one namespace pattern',
    );
    expect(read(['camunda-*', 'Team_A'])).toThrow(
      'camundaEntra.secretSink.kubernetes.allowedNamespaces[1]: "Team_A" can never match a namespace',
    );
  });
});
