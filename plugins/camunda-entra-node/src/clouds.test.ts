import {
  entraCloudEndpoints,
  entraIssuer,
  entraOidcEndpoints,
  normalizeAuthorityHost,
  normalizeGraphUrl,
  tenantCloudEndpoints,
} from './clouds';

describe('entraCloudEndpoints', () => {
  it('uses each national cloud its own login and Graph hosts', () => {
    expect(entraCloudEndpoints('global').graphUrl).toBe(
      'https://graph.microsoft.com',
    );
    expect(entraCloudEndpoints('usgov').authorityHost).toBe(
      'https://login.microsoftonline.us',
    );
    expect(entraCloudEndpoints('china').graphUrl).toBe(
      'https://microsoftgraph.chinacloudapi.cn',
    );
  });
});

describe('tenantCloudEndpoints', () => {
  const id = '6f1c2f43-1111-4222-8333-444455556666';

  it('uses the cloud endpoints when the spec names no custom hosts', () => {
    expect(tenantCloudEndpoints({ id, cloud: 'usgov' })).toEqual(
      entraCloudEndpoints('usgov'),
    );
  });

  it('lets a custom authority host and Graph URL (the sandbox) override the cloud', () => {
    expect(
      tenantCloudEndpoints({
        id,
        cloud: 'global',
        authorityHost: 'https://localhost:8443/',
        graphUrl: 'https://localhost:8443/graph',
      }),
    ).toEqual({
      authorityHost: 'https://localhost:8443',
      graphUrl: 'https://localhost:8443/graph',
      portalUrl: 'https://entra.microsoft.com',
    });
  });
});

describe('entraIssuer', () => {
  it('builds the v2 issuer and tolerates a trailing slash on the authority', () => {
    expect(
      entraIssuer('https://login.microsoftonline.com/', 'tenant-guid'),
    ).toBe('https://login.microsoftonline.com/tenant-guid/v2.0');
  });
});

describe('entraOidcEndpoints', () => {
  it('derives the guide endpoints from the authority host and tenant', () => {
    expect(
      entraOidcEndpoints('https://login.chinacloudapi.cn', 'tenant-guid'),
    ).toEqual({
      issuer: 'https://login.chinacloudapi.cn/tenant-guid/v2.0',
      authUrl:
        'https://login.chinacloudapi.cn/tenant-guid/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.chinacloudapi.cn/tenant-guid/oauth2/v2.0/token',
      jwksUrl: 'https://login.chinacloudapi.cn/tenant-guid/discovery/v2.0/keys',
      wellKnownUrl:
        'https://login.chinacloudapi.cn/tenant-guid/v2.0/.well-known/openid-configuration',
    });
  });
});

describe('normalizeGraphUrl', () => {
  it.each([
    'https://graph.microsoft.com',
    'https://graph.microsoft.com/',
    'https://graph.microsoft.com/v1.0',
    'https://graph.microsoft.com/v1.0/',
    'https://Graph.Microsoft.com:443/V1.0//',
  ])('takes %s as the base https://graph.microsoft.com', value => {
    expect(normalizeGraphUrl(value, '--graph-url')).toBe(
      'https://graph.microsoft.com',
    );
  });

  it('keeps a port other than https', () => {
    expect(
      normalizeGraphUrl('https://127.0.0.1:7443/v1.0', '--graph-url'),
    ).toBe('https://127.0.0.1:7443');
  });

  it('refuses a query or user info without echoing it', () => {
    for (const value of [
      'https://graph.microsoft.com/?sig=hunter2',
      'https://graph.microsoft.com/#hunter2',
      'https://admin:hunter2@graph.microsoft.com',
    ]) {
      let message = '';
      try {
        normalizeGraphUrl(value, 'CAMUNDA_ENTRA_GRAPH_URL');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^CAMUNDA_ENTRA_GRAPH_URL must not/);
      expect(message).not.toContain('hunter2');
    }
  });
});

describe('normalizeAuthorityHost', () => {
  it('returns the origin of a host URL', () => {
    expect(
      normalizeAuthorityHost(
        'https://login.microsoftonline.us/',
        '--authority-host',
      ),
    ).toBe('https://login.microsoftonline.us');
  });
});

const NORMALIZERS = {
  '--graph-url': normalizeGraphUrl,
  '--authority-host': normalizeAuthorityHost,
};

describe('normalizeGraphUrl and normalizeAuthorityHost', () => {
  it.each([
    [
      '--graph-url',
      'https://graph.microsoft.com/beta',
      'must be an https Graph base URL',
    ],
    [
      '--graph-url',
      'https://graph.microsoft.com/v1.0/applications',
      'must be an https Graph',
    ],
    [
      '--graph-url',
      'https://proxy.example.com/graph',
      'without a path other than /v1.0',
    ],
    ['--graph-url', 'http://127.0.0.1:7443', 'must use https'],
    ['--graph-url', 'graph.microsoft.com', 'must be an absolute URL'],
    [
      '--authority-host',
      'https://login.microsoftonline.com/v1.0',
      'without a path',
    ],
    [
      '--authority-host',
      'https://login.microsoftonline.com/tenant-guid',
      'without a path',
    ],
    ['--authority-host', 'http://login.microsoftonline.com', 'must use https'],
    [
      '--authority-host',
      'https://login.microsoftonline.com?x=1',
      'must not have a query',
    ],
  ] as const)('refuse %s %s, naming the flag', (flag, value, message) => {
    expect(() => NORMALIZERS[flag](value, flag)).toThrow(
      new RegExp(`^${flag} .*${message}`),
    );
  });
});
