import { CHART_LINES } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { goldenSpecInput, startConformanceSandbox } from './golden';
import { ConformanceReport } from './harness';
import { conformanceOf } from './run';

/** Registration, a Helm render and a dozen sign-ins on two shared cores. */
const DEPLOYMENT_TIMEOUT_MS = 120_000;

/** The components of each line's golden spec, which all must sign in. */
const COMPONENTS = {
  '8.8': ['webModeler', 'console'],
  '8.9': ['webModeler', 'console'],
  '8.10': ['camundaHub'],
};

describe('conformance of the generated deployments', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startConformanceSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('covers the 8.10 preview line', () => {
    expect(CHART_LINES).toEqual(['8.8', '8.9', '8.10']);
  });

  describe.each(CHART_LINES)('chart line %s', line => {
    let report: ConformanceReport;

    beforeAll(async () => {
      report = await conformanceOf(sandbox, goldenSpecInput(line, sandbox));
    }, DEPLOYMENT_TIMEOUT_MS);

    it('signs every component, the group member and the machine clients in', () => {
      expect(report.failures).toEqual([]);
      expect(report.passed.sort()).toEqual(
        [
          'orchestration',
          'connectors',
          'identity',
          'optimize',
          ...COMPONENTS[line],
          'machine client payments-worker',
          'machine client ci-deployer',
        ].sort(),
      );
    });
  });

  it(
    'signs a Key Vault deployment in with the secrets its ExternalSecret reads',
    async () => {
      const report = await conformanceOf(sandbox, {
        ...goldenSpecInput('8.9', sandbox, 'vaulted'),
        secretStore: {
          type: 'azureKeyVault',
          vaultUrl: 'https://vaulted-kv.vault.azure.net',
          // The default store: the repository's own SecretStore of the namespace.
          workloadIdentity: {
            clientId: '7c3e1f00-0000-4000-8000-00000000a11c',
          },
        },
      });
      expect(report.failures).toEqual([]);
      expect(report.passed).toContain('machine client ci-deployer');
    },
    DEPLOYMENT_TIMEOUT_MS,
  );
});
