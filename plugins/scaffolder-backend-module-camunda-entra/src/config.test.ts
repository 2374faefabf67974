import { ConfigReader } from '@backstage/config';
import { readSecretStoreConfig } from './config';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function sink(secretSink: JsonObject) {
  return new ConfigReader({ camundaEntra: { secretSink } });
}

const VAULT = {
  vaultUrl: 'https://payments-kv.vault.azure.net',
  storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
};

describe('readSecretStoreConfig', () => {
  it('gives the secret store of the Azure Key Vault sink', () => {
    expect(
      readSecretStoreConfig(
        sink({ type: 'azureKeyVault', azureKeyVault: VAULT }),
      ),
    ).toEqual({ type: 'azureKeyVault', ...VAULT });
  });

  it('gives none for the other sinks', () => {
    expect(readSecretStoreConfig(new ConfigReader({}))).toBeUndefined();
    expect(
      readSecretStoreConfig(sink({ type: 'kubernetes', azureKeyVault: VAULT })),
    ).toBeUndefined();
  });

  it('names the config key of a missing store', () => {
    expect(() =>
      readSecretStoreConfig(
        sink({
          type: 'azureKeyVault',
          azureKeyVault: { vaultUrl: VAULT.vaultUrl },
        }),
      ),
    ).toThrow(
      /^camundaEntra\.secretSink\.azureKeyVault needs workloadIdentity\.clientId .* or storeRef/,
    );
  });

  it('gives each deployment its own SecretStore when the sink names the reading workload identity', () => {
    const workloadIdentity = {
      clientId: '7c3e1f00-0000-4000-8000-00000000a11c',
    };
    expect(
      readSecretStoreConfig(
        sink({
          type: 'azureKeyVault',
          azureKeyVault: { vaultUrl: VAULT.vaultUrl, workloadIdentity },
        }),
      ),
    ).toEqual({
      type: 'azureKeyVault',
      vaultUrl: VAULT.vaultUrl,
      workloadIdentity,
    });
  });

  it('names the config keys of wrong values', () => {
    expect(() =>
      readSecretStoreConfig(
        sink({
          type: 'azureKeyVault',
          azureKeyVault: {
            vaultUrl: 'http://payments-kv.vault.azure.net',
            storeRef: { kind: 'Vault', name: 'azure-kv' },
          },
        }),
      ),
    ).toThrow(
      'camundaEntra.secretSink.azureKeyVault.vaultUrl must use https; camundaEntra.secretSink.azureKeyVault.storeRef.kind must be SecretStore or ClusterSecretStore',
    );
  });
});
