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
        fleetRefreshSchedule: {
          frequency: { minutes: 15 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
        },
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
              maxAgeDays: 90,
              cleanupSchedule: {
                frequency: { minutes: 1 },
                timeout: { minutes: 1 },
              },
            },
            fleet: {
              schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
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
        rotationMaxAgeDays: 90,
        fleetRefreshSchedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
        },
      },
    });
  });

  it('refuses a rotation grace period the Key Vault sink cannot deliver within', () => {
    const withGrace = (gracePeriod: string) =>
      new ConfigReader({
        camundaEntra: {
          secretSink: {
            type: 'azureKeyVault',
            azureKeyVault: { vaultUrl: 'https://kv.vault.azure.net' },
          },
          monitoring: { rotation: { gracePeriod } },
        },
      });
    expect(() => readCamundaEntraBackendConfig(withGrace('PT69M'))).toThrow(
      /camundaEntra\.monitoring\.rotation\.gracePeriod must be at least 70 minutes with camundaEntra\.secretSink\.type azureKeyVault/,
    );
    expect(
      readCamundaEntraBackendConfig(withGrace('PT70M')).monitoring
        .rotationGracePeriodMs,
    ).toBe(4_200_000);
    // Other sinks deliver at once.
    expect(
      readCamundaEntraBackendConfig(
        new ConfigReader({
          camundaEntra: { monitoring: { rotation: { gracePeriod: 'PT5M' } } },
        }),
      ).monitoring.rotationGracePeriodMs,
    ).toBe(300_000);
  });

  it('refuses a maximum secret age that is not a positive whole number of days', () => {
    for (const maxAgeDays of [0, 1.5]) {
      expect(() =>
        readCamundaEntraBackendConfig(
          new ConfigReader({
            camundaEntra: { monitoring: { rotation: { maxAgeDays } } },
          }),
        ),
      ).toThrow(
        'camundaEntra.monitoring.rotation.maxAgeDays must be a whole number of days >= 1',
      );
    }
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

  it('refuses an auto-approval rule without criteria', () => {
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
