import { entraCloudEndpoints, entraIssuer } from './clouds';

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

describe('entraIssuer', () => {
  it('builds the v2 issuer and tolerates a trailing slash on the authority', () => {
    expect(
      entraIssuer('https://login.microsoftonline.com/', 'tenant-guid'),
    ).toBe('https://login.microsoftonline.com/tenant-guid/v2.0');
  });
});
