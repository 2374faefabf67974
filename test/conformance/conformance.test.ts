import { CHART_LINES } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  deliverSecrets,
  generateRepository,
  registerInSandbox,
  renderChart,
  valuesOf,
} from './deployment';
import { goldenSpecInput, PEOPLE, startConformanceSandbox } from './golden';
import { ConformanceReport, playConformance } from './harness';

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
      const registration = await registerInSandbox(
        sandbox,
        goldenSpecInput(line, sandbox),
      );
      const files = generateRepository(registration);
      const secrets = deliverSecrets(registration, files);
      report = await playConformance({
        line,
        spec: registration.spec,
        chart: renderChart(registration.spec, valuesOf(files), secrets),
        secrets,
        people: PEOPLE,
        ca: sandbox.caPem,
      });
    });

    it('signs every component and machine client in', () => {
      expect(report.failures).toEqual([]);
      console.log(line, report.passed);
      expect(report.passed).toEqual(
        expect.arrayContaining([
          'orchestration',
          'connectors',
          'identity',
          'optimize',
          'machine client payments-worker',
          'machine client ci-deployer',
        ]),
      );
    });
  });
});
