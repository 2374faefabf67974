import {
  entraCloudEndpoints,
  entraIssuer,
  entraOidcEndpoints,
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
