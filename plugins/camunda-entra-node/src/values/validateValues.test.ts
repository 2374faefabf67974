import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES, fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';
import { chartLineProfile } from './chartLines';
import { subChartRoots, vendoredChartVersion } from './chartSchema';
import { violationsOf } from './__testUtils__/violations';
import { assertValidHelmValues } from './validateValues';

function fullValues(line: '8.8' | '8.9' | '8.10'): any {
  return buildHelmValues(
    fixtureSpec(line === '8.10' ? 'full-8.10' : `guide-full-${line}`),
  );
}

describe('vendored chart schemas', () => {
  it.each(['8.8', '8.9', '8.10'] as const)(
    'match the chart version the %s profile pins',
    line => {
      expect(vendoredChartVersion(line)).toBe(
        chartLineProfile(line).chartVersion,
      );
    },
  );

  it('skip the sub-chart roots named in Chart.yaml', () => {
    expect([...subChartRoots('8.9')].sort()).toEqual([
      'common',
      'elasticsearch',
      'identityKeycloak',
      'identityPostgresql',
      'webModelerPostgresql',
    ]);
    // Chart 15.x bundles no database or search sub-chart.
    expect([...subChartRoots('8.10')]).toEqual(['common']);
  });
});

describe('assertValidHelmValues', () => {
  it.each(['8.8', '8.9'] as const)(
    'finds exactly the two undeclared keys of the guide full example on %s',
    line => {
      const guide = parse(
        readFileSync(join(FIXTURES, 'guide-full-example.yaml'), 'utf8'),
      );
      const violations = violationsOf(line, guide);
      expect(violations).toEqual(
        expect.arrayContaining([
          'global.identity.auth.identity.redirectUrl: is not a key the chart declares',
          'connectors.security.authentication.oidc.audience: is not a key the chart declares',
        ]),
      );
      // 8.9 also refuses the guide for lack of secondary storage.
      expect(violations).toHaveLength(line === '8.8' ? 2 : 3);
    },
  );

  it('names the key path of an unknown key and a wrongly typed value', () => {
    const values = fullValues('8.9');
    values.optimize.enabeld = true;
    values.orchestration.security.authentication.oidc.scope = 'openid';
    expect(violationsOf('8.9', values).sort()).toEqual([
      'optimize.enabeld: is not a key the chart declares',
      'orchestration.security.authentication.oidc.scope: must be array',
    ]);
  });

  it('accepts anything below a sub-chart root', () => {
    const values = fullValues('8.8');
    values.identityPostgresql.primary = { resources: { limits: { cpu: 1 } } };
    expect(violationsOf('8.8', values)).toEqual([]);
  });

  it('throws an error that says the generator is at fault', () => {
    const values = fullValues('8.8');
    values.global.identity.auth.type = 'ENTRA';
    expect(() => assertValidHelmValues('8.8', values)).toThrow(
      /generator bug[\s\S]*global\.identity\.auth\.type: must be KEYCLOAK, MICROSOFT or GENERIC/,
    );
  });

  describe('chart fail rules', () => {
    it('requires the Web Modeler sender address', () => {
      const values = fullValues('8.8');
      delete values.webModeler.restapi;
      expect(violationsOf('8.8', values)).toEqual([
        'webModeler.restapi.mail.fromAddress: required when Web Modeler is enabled',
      ]);
    });

    it('requires Management Identity for Console and Web Modeler', () => {
      const values = fullValues('8.8');
      values.identity.enabled = false;
      expect(violationsOf('8.8', values)).toEqual([
        'console.enabled: needs identity.enabled (Management Identity)',
        'webModeler.enabled: needs identity.enabled (Management Identity)',
      ]);
    });

    it('requires secondary storage on 8.9 only', () => {
      const values = fullValues('8.9');
      delete values.global.elasticsearch;
      delete values.elasticsearch;
      expect(violationsOf('8.9', values)).toEqual([
        'orchestration.data.secondaryStorage.type: chart 14.8.4 (Camunda 8.9) needs secondary storage for the Orchestration Cluster',
      ]);
      expect(violationsOf('8.8', values)).toEqual([]);
    });

    it('requires secondary storage and the Camunda Hub sender address on 8.10', () => {
      const values = fullValues('8.10');
      delete values.orchestration.data;
      delete values.optimize.database;
      delete values.camundaHub.restapi.mail;
      expect(violationsOf('8.10', values)).toEqual([
        'camundaHub.restapi.mail.fromAddress: required when Camunda Hub is enabled',
        'orchestration.data.secondaryStorage.type: chart 15.0.0-alpha4 (Camunda 8.10) needs secondary storage for the Orchestration Cluster',
      ]);
    });

    it("checks Camunda Hub's overrides against the Web Modeler keys they are merged over", () => {
      const values = fullValues('8.10');
      values.camundaHub.restapi.mail.fromAdress = 'noreply@example.com';
      values.camundaHub.restapi.externalDatabase.port = '5432';
      expect(violationsOf('8.10', values).sort()).toEqual([
        'camundaHub.restapi.externalDatabase.port: must be number',
        'camundaHub.restapi.mail.fromAdress: is not a key the chart declares',
      ]);
    });

    it('requires Management Identity for Camunda Hub', () => {
      const values = fullValues('8.10');
      values.identity.enabled = false;
      expect(violationsOf('8.10', values)).toEqual([
        'camundaHub.enabled: needs identity.enabled (Management Identity)',
      ]);
    });

    it('refuses the 8.9 values of Web Modeler and Console on 8.10 only where the chart dropped them', () => {
      const values = fullValues('8.9');
      expect(violationsOf('8.10', values)).toEqual(
        expect.arrayContaining([
          'webModelerPostgresql: is not a key the chart declares',
          'identityPostgresql: is not a key the chart declares',
          'global.identity.auth.console: is not a key the chart declares',
        ]),
      );
    });

    it('requires nested secret blocks with both fields', () => {
      const values = fullValues('8.9');
      values.global.identity.auth.optimize.secret = {
        existingSecret: 'entra-credentials',
      };
      expect(violationsOf('8.9', values)).toEqual([
        'global.identity.auth.optimize.secret: must be { existingSecret, existingSecretKey } with both set',
      ]);
    });

    it('requires CAMUNDA_IDENTITY_AUDIENCE when Optimize is disabled', () => {
      const values = buildHelmValues(
        fixtureSpec('optimize-disabled-8.8'),
      ) as any;
      delete values.identity.env;
      expect(violationsOf('8.8', values)).toEqual([
        'identity.env: needs CAMUNDA_IDENTITY_AUDIENCE when Optimize is disabled, or Management Identity does not start',
      ]);
    });
  });
});
