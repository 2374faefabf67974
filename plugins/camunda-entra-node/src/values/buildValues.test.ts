import { fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';
import { assertValidHelmValues } from './validateValues';

const STORAGE = {
  externalElasticsearch: {
    type: 'externalElasticsearch',
    url: 'https://search.example.com:9243',
    username: 'camunda',
    password: { name: 'search', key: 'password' },
  },
  externalOpensearch: {
    type: 'externalOpensearch',
    url: 'http://opensearch.search.svc',
  },
  rdbms: {
    type: 'rdbms',
    url: 'jdbc:postgresql://db.example.com:5432/camunda',
    username: 'camunda',
    password: { name: 'db', key: 'password' },
  },
};

function minimal(line: '8.8' | '8.9', storage?: object) {
  return fixtureSpec('minimal-8.9', input => {
    input.chart = line;
    input.secondaryStorage = storage;
  });
}

describe('buildHelmValues', () => {
  it('takes the issuer and endpoints of a custom authority such as the local sandbox', () => {
    const values = buildHelmValues(
      fixtureSpec('minimal-8.9', input => {
        input.tenant.authorityHost = 'https://entra-sandbox.local:8443/';
      }),
    ) as any;
    expect(values.global.identity.auth).toMatchObject({
      issuer: `https://entra-sandbox.local:8443/6f1c2f43-1111-4222-8333-444455556666/v2.0`,
      jwksUrl: `https://entra-sandbox.local:8443/6f1c2f43-1111-4222-8333-444455556666/discovery/v2.0/keys`,
    });
  });

  it('disables the components the chart enables by default when the spec leaves them out', () => {
    const spec = fixtureSpec('guide-full-8.8', input => {
      input.components = { identity: {}, console: {} };
      input.clients = {
        identity: input.clients.identity,
        console: input.clients.console,
      };
    });
    const values = buildHelmValues(spec) as any;
    expect(values.orchestration).toEqual({ enabled: false });
    expect(values.connectors).toEqual({ enabled: false });
    // Nothing needs secondary storage, and 8.8 would install Elasticsearch by default.
    expect(values.elasticsearch).toEqual({ enabled: false });
    expect(values.global.elasticsearch).toEqual({ enabled: false });
    expect(() => assertValidHelmValues('8.8', values)).not.toThrow();
  });

  it('removes the chart default Connectors client when Connectors are disabled', () => {
    const values = buildHelmValues(
      fixtureSpec('minimal-8.9', input => {
        delete input.components.connectors;
      }),
    ) as any;
    expect(
      values.orchestration.security.initialization.defaultRoles.connectors,
    ).toEqual({ users: [], clients: [] });
  });

  it('refuses a spec whose clients are not registered yet', () => {
    const spec = fixtureSpec('minimal-8.9');
    expect(() => buildHelmValues({ ...spec, clients: {} })).toThrow(
      /clients\.orchestration/,
    );
  });

  describe.each(['8.8', '8.9'] as const)('secondary storage on %s', line => {
    it('configures external Elasticsearch through the global block', () => {
      const values = buildHelmValues(
        minimal(line, STORAGE.externalElasticsearch),
      ) as any;
      expect(values.global.elasticsearch).toEqual({
        enabled: true,
        external: true,
        url: { protocol: 'https', host: 'search.example.com', port: 9243 },
        auth: {
          username: 'camunda',
          secret: { existingSecret: 'search', existingSecretKey: 'password' },
        },
      });
      // The bundled Elasticsearch is off: explicitly on 8.8, by chart default on 8.9.
      expect(values.elasticsearch?.enabled ?? false).toBe(false);
      expect(() => assertValidHelmValues(line, values)).not.toThrow();
    });

    it('configures external OpenSearch with the default port of its scheme', () => {
      const values = buildHelmValues(
        minimal(line, STORAGE.externalOpensearch),
      ) as any;
      expect(values.global.opensearch).toEqual({
        enabled: true,
        url: { protocol: 'http', host: 'opensearch.search.svc', port: 80 },
      });
      expect(values.global.elasticsearch?.enabled ?? false).toBe(false);
      expect(values.elasticsearch?.enabled ?? false).toBe(false);
      expect(() => assertValidHelmValues(line, values)).not.toThrow();
    });
  });

  it('configures RDBMS secondary storage on 8.9', () => {
    const values = buildHelmValues(minimal('8.9', STORAGE.rdbms)) as any;
    expect(values.orchestration.exporters).toEqual({
      rdbms: { enabled: true },
    });
    expect(values.orchestration.data.secondaryStorage).toEqual({
      type: 'rdbms',
      rdbms: {
        url: 'jdbc:postgresql://db.example.com:5432/camunda',
        username: 'camunda',
        secret: { existingSecret: 'db', existingSecretKey: 'password' },
      },
    });
    expect(values).not.toHaveProperty('elasticsearch');
    expect(() => assertValidHelmValues('8.9', values)).not.toThrow();
  });
});
