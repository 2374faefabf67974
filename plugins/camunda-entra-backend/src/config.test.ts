import { ConfigReader } from '@backstage/config';
import { readCamundaEntraBackendConfig } from './config';

describe('readCamundaEntraBackendConfig', () => {
  it('applies the documented defaults', () => {
    expect(readCamundaEntraBackendConfig(new ConfigReader({}))).toEqual({
      approval: {
        required: true,
        allowSelfApproval: false,
        approvers: [],
        autoApprove: [],
      },
      secretSink: { type: 'local', directory: undefined },
      provisioning: {
        leaseMs: 10_000,
        leaseRenewalMs: 3_333,
        pollIntervalMs: 2_000,
        concurrency: 4,
      },
      monitoring: {
        secretExpiry: { warningDays: 30, criticalDays: 7 },
        statusCacheTtlMs: 60_000,
        scanSchedule: {
          frequency: { hours: 6 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 5 },
        },
        rotationGracePeriodMs: 86_400_000,
        cleanupSchedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      },
    });
  });

  it('reads every key', () => {
    const config = readCamundaEntraBackendConfig(
      new ConfigReader({
        camundaEntra: {
          approval: {
            required: false,
            allowSelfApproval: true,
            approvers: ['group:default/platform-team'],
            autoApprove: [
              { owners: ['group:default/sandbox-team'] },
              { namespaces: ['sandbox-*'] },
            ],
          },
          secretSink: {
            type: 'kubernetes',
            kubernetes: { context: 'kind', allowedNamespaces: ['camunda-*'] },
          },
          provisioning: {
            lease: { seconds: 30 },
            pollInterval: 'PT2S',
            concurrency: 8,
          },
          monitoring: {
            secretExpiry: { warningDays: 14, criticalDays: 3 },
            status: { cacheTtl: { seconds: 30 } },
            scan: {
              schedule: { frequency: { hours: 1 }, timeout: { minutes: 10 } },
            },
            rotation: {
              gracePeriod: 'PT2H',
              cleanupSchedule: {
                frequency: { minutes: 1 },
                timeout: { minutes: 1 },
              },
            },
          },
        },
      }),
    );

    expect(config).toEqual({
      approval: {
        required: false,
        allowSelfApproval: true,
        approvers: ['group:default/platform-team'],
        autoApprove: [
          { owners: ['group:default/sandbox-team'], namespaces: undefined },
          { owners: undefined, namespaces: ['sandbox-*'] },
        ],
      },
      secretSink: {
        type: 'kubernetes',
        context: 'kind',
        allowedNamespaces: ['camunda-*'],
      },
      provisioning: {
        leaseMs: 30_000,
        leaseRenewalMs: 10_000,
        pollIntervalMs: 2_000,
        concurrency: 8,
      },
      monitoring: {
        secretExpiry: { warningDays: 14, criticalDays: 3 },
        statusCacheTtlMs: 30_000,
        scanSchedule: { frequency: { hours: 1 }, timeout: { minutes: 10 } },
        rotationGracePeriodMs: 7_200_000,
        cleanupSchedule: { frequency: { minutes: 1 }, timeout: { minutes: 1 } },
      },
    });
  });

  it('refuses a concurrency that is not a positive whole number', () => {
    for (const concurrency of [0, 1.5]) {
      expect(() =>
        readCamundaEntraBackendConfig(
          new ConfigReader({ camundaEntra: { provisioning: { concurrency } } }),
        ),
      ).toThrow(/concurrency must be a whole number >= 1/);
    }
  });

  it('refuses an auto-approval rule without criteria and unknown sinks', () => {
    expect(() =>
      readCamundaEntraBackendConfig(
        new ConfigReader({ camundaEntra: { approval: { autoApprove: [{}] } } }),
      ),
    ).toThrow(/must name owners or namespaces/);
    // The requester names the environment: a rule on it was self-service.
    expect(() =>
      readCamundaEntraBackendConfig(
        new ConfigReader({
          camundaEntra: {
            approval: {
              autoApprove: [
                { environments: ['dev'], namespaces: ['sandbox-*'] },
              ],
            },
          },
        }),
      ),
    ).toThrow(/no longer match environments/);
    expect(() =>
      readCamundaEntraBackendConfig(
        new ConfigReader({ camundaEntra: { secretSink: { type: 'vault' } } }),
      ),
    ).toThrow(/must be local, kubernetes or azureKeyVault, not vault/);
  });

  describe('the Azure Key Vault sink', () => {
    const read = (azureKeyVault: object) =>
      readCamundaEntraBackendConfig(
        new ConfigReader({
          camundaEntra: {
            secretSink: { type: 'azureKeyVault', azureKeyVault },
          },
        }),
      ).secretSink;
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
      readCamundaEntraBackendConfig(
        new ConfigReader({
          camundaEntra: {
            secretSink: {
              type: 'kubernetes',
              kubernetes: { allowedNamespaces },
            },
          },
        }),
      );

    expect(read([])).toThrow(
      'camundaEntra.secretSink.kubernetes.allowedNamespaces must name at least one namespace pattern',
    );
    expect(read(['camunda-*', 'Team_A'])).toThrow(
      'camundaEntra.secretSink.kubernetes.allowedNamespaces[1]: "Team_A" can never match a namespace',
    );
  });

  it('refuses expiry thresholds that are not whole days or not ordered', () => {
    const read = (secretExpiry: object) => () =>
      readCamundaEntraBackendConfig(
        new ConfigReader({ camundaEntra: { monitoring: { secretExpiry } } }),
      );

    expect(read({ warningDays: 0 })).toThrow(
      /warningDays must be a whole number of days >= 1/,
    );
    expect(read({ criticalDays: 2.5 })).toThrow(
      /criticalDays must be a whole number of days >= 1/,
    );
    expect(read({ warningDays: 7, criticalDays: 7 })).toThrow(
      /criticalDays must be less than warningDays/,
    );
  });
});
