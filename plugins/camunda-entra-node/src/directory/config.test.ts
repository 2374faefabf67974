import { ConfigReader } from '@backstage/config';
import {
  readEntraDirectoryConfig,
  resolveEntraDirectoryConfig,
} from './config';

const TENANT = '6f1c2f43-1111-4222-8333-444455556666';

describe('resolveEntraDirectoryConfig', () => {
  it("fills in the cloud's hosts, lifetimes and retries", () => {
    expect(
      resolveEntraDirectoryConfig({
        tenantId: TENANT,
        cloud: 'usgov',
        clientId: 'c',
        clientSecret: 's',
      }),
    ).toMatchObject({
      credential: { type: 'clientSecret', clientId: 'c', clientSecret: 's' },
      authorityHost: 'https://login.microsoftonline.us',
      graphUrl: 'https://graph.microsoft.us',
      secretLifetimeDays: 180,
      maxSecretLifetimeDays: 730,
      grantAdminConsent: false,
      owners: [],
      retry: { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 20_000 },
    });
  });

  it('takes a Graph URL with its version as the base', () => {
    expect(
      resolveEntraDirectoryConfig({
        tenantId: TENANT,
        graphUrl: 'https://127.0.0.1:7443/v1.0/',
      }).graphUrl,
    ).toBe('https://127.0.0.1:7443');
  });

  it('picks the credential from what is configured, default chain last', () => {
    const type = (input: object) =>
      resolveEntraDirectoryConfig({ tenantId: TENANT, clientId: 'c', ...input })
        .credential.type;
    expect(type({ certificatePath: '/c.pem' })).toBe('certificate');
    expect(type({ federatedTokenFile: '/token' })).toBe('workloadIdentity');
    expect(type({})).toBe('default');
  });

  it('caps the secret lifetime by the maximum', () => {
    expect(
      resolveEntraDirectoryConfig({
        tenantId: TENANT,
        secretLifetimeDays: 400,
        maxSecretLifetimeDays: 90,
      }).secretLifetimeDays,
    ).toBe(90);
  });

  it.each([
    [
      { clientId: 'c', clientSecret: 's', certificatePath: '/c.pem' },
      'configure one credential',
    ],
    [{ clientSecret: 's' }, 'clientId is required'],
    [{ cloud: 'mars' }, 'cloud must be one of'],
    [
      { authorityHost: 'http://127.0.0.1:7443' },
      'camundaEntra.directory.authorityHost must use https',
    ],
    [
      { graphUrl: 'graph' },
      'camundaEntra.directory.graphUrl must be an absolute URL',
    ],
    [
      { graphUrl: 'https://graph.microsoft.com/beta' },
      'camundaEntra.directory.graphUrl must be an https Graph base URL',
    ],
    [{ secretLifetimeDays: 0 }, 'whole number of days'],
  ])('rejects %j', (input, message) => {
    expect(() =>
      resolveEntraDirectoryConfig({ tenantId: TENANT, ...input }),
    ).toThrow(message);
  });
});

describe('readEntraDirectoryConfig', () => {
  it('reads camundaEntra.directory and resolves file paths from the repository root', () => {
    const config = readEntraDirectoryConfig(
      new ConfigReader({
        camundaEntra: {
          directory: {
            tenantId: TENANT,
            clientId: 'c',
            clientSecret: 's',
            authorityHost: 'https://127.0.0.1:7443/',
            graphUrl: 'https://127.0.0.1:7443',
            caFile: '.camunda-entra/entra-sandbox-ca.pem',
            grantAdminConsent: true,
            owners: ['o'],
            retry: { maxRetries: 2 },
          },
        },
      }),
    );
    expect(config).toMatchObject({
      authorityHost: 'https://127.0.0.1:7443',
      grantAdminConsent: true,
      owners: ['o'],
      retry: { maxRetries: 2, baseDelayMs: 500 },
    });
    expect(config.caFile).toMatch(
      /^\/.*\/\.camunda-entra\/entra-sandbox-ca\.pem$/,
    );
    expect(config.caFile).not.toContain('plugins/camunda-entra-node');
  });
});
