import { DeliveredSecrets } from './delivery';
import { OrchestrationAccess } from './extract/types';
import { personRoles } from './play/orchestrationGrants';
import { callsUserInfo } from './play/userInfo';
import { RenderedChart } from './rendered';
import { SpringConfig } from './springConfig';

const withUserInfo = {
  tokenEndpoint: 'https://login.example/token',
  userinfoEndpoint: 'https://graph.example/oidc/userinfo',
};
const entraScopes = ['openid', 'profile', 'offline_access', 'app/.default'];

describe('when Spring Security calls userinfo', () => {
  it('6 (8.8): only when the granted scopes name a standard claim scope', () => {
    // Entra grants the resource's scopes, qualified, never `profile`.
    expect(
      callsUserInfo(
        'spring-security-6',
        withUserInfo,
        'app/.default',
        entraScopes,
      ),
    ).toBe(false);
    expect(
      callsUserInfo(
        'spring-security-6',
        withUserInfo,
        'openid profile',
        entraScopes,
      ),
    ).toBe(true);
    // Without a granted scope, Spring takes the requested ones.
    expect(
      callsUserInfo('spring-security-6', withUserInfo, undefined, entraScopes),
    ).toBe(true);
  });

  it('7 (8.9+): always, unless turned off or not discovered', () => {
    expect(
      callsUserInfo(
        'spring-security-7',
        withUserInfo,
        'app/.default',
        entraScopes,
      ),
    ).toBe(true);
    expect(callsUserInfo('off', withUserInfo, 'profile', entraScopes)).toBe(
      false,
    );
    expect(
      callsUserInfo(
        'spring-security-7',
        { tokenEndpoint: withUserInfo.tokenEndpoint },
        'app/.default',
        entraScopes,
      ),
    ).toBe(false);
  });
});

describe('the Orchestration Cluster roles of a person', () => {
  const access: OrchestrationAccess = {
    issuer: 'https://login.example/t/v2.0',
    clientId: 'app',
    audiences: ['app'],
    usernameClaim: 'preferred_username',
    clientIdClaim: 'azp',
    mappingRules: [{ id: 'ops', claimName: 'groups', claimValue: 'g1' }],
    roles: {
      admin: { users: ['ada@example.com'], clients: [], mappingRules: [] },
      'readonly-admin': { users: [], clients: [], mappingRules: ['ops'] },
    },
    clientAuthorizations: [],
  };

  it('come from the username claim and from mapping rules matching a claim', () => {
    expect(
      personRoles(access, { preferred_username: 'ada@example.com' }),
    ).toEqual(['admin']);
    expect(
      personRoles(access, { preferred_username: 'gus', groups: ['g0', 'g1'] }),
    ).toEqual(['readonly-admin']);
    expect(
      personRoles(access, { preferred_username: 'gus', groups: ['G1'] }),
    ).toEqual([]);
  });
});

describe('a Spring Boot container as rendered', () => {
  const configMap = (name: string, data: Record<string, string>) => ({
    kind: 'ConfigMap',
    metadata: { name },
    data,
  });
  const chart = (env: unknown[], secrets: DeliveredSecrets) =>
    new RenderedChart(
      [
        configMap('app-config', {
          'application.yaml': [
            'spring: { config: { import: [ "optional:file:/config/extra.yaml" ] } }',
            'camunda: { security: { authentication: { oidc: {',
            '  client-id: from-file, client-secret: "${APP_SECRET:}",',
            '  redirect-uri: https://a/sso-callback, scope: [openid, "app/.default"] } } } }',
          ].join('\n'),
          'extra.yaml':
            'camunda.security.authentication.oidc.redirect-uri: https://b/sso-callback',
        }),
        {
          kind: 'StatefulSet',
          metadata: { name: 'app' },
          spec: {
            template: {
              spec: {
                volumes: [
                  { name: 'config', configMap: { name: 'app-config' } },
                ],
                containers: [
                  {
                    name: 'app',
                    env,
                    volumeMounts: [
                      {
                        name: 'config',
                        mountPath: '/config/application.yaml',
                        subPath: 'application.yaml',
                      },
                      {
                        name: 'config',
                        mountPath: '/config/extra.yaml',
                        subPath: 'extra.yaml',
                      },
                    ],
                  },
                ],
              },
            },
          },
        },
      ],
      'release',
      secrets,
    );
  const secrets = DeliveredSecrets.fromManifests([
    { metadata: { name: 'entra' }, stringData: { 'app-secret': 'value' } },
  ]);
  const config = (env: unknown[]) =>
    SpringConfig.load(
      chart(env, secrets).container('app')!,
      '/config/application.yaml',
    );

  it('reads imports over the file and the environment over both (relaxed binding)', () => {
    const plain = config([]);
    expect(plain.get('camunda.security.authentication.oidc.redirect-uri')).toBe(
      'https://b/sso-callback',
    );
    expect(plain.list('camunda.security.authentication.oidc.scope')).toEqual([
      'openid',
      'app/.default',
    ]);
    const overridden = config([
      {
        name: 'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_CLIENTID',
        value: 'from-env',
      },
      { name: 'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_SCOPE_0_', value: 'only' },
    ]);
    expect(
      overridden.get('camunda.security.authentication.oidc.client-id'),
    ).toBe('from-env');
    expect(
      overridden.list('camunda.security.authentication.oidc.scope'),
    ).toEqual(['only']);
  });

  it('resolves a placeholder through a secretKeyRef and fails on a key the Secret lacks', () => {
    const secretEnv = (key: string) => [
      {
        name: 'APP_SECRET',
        valueFrom: { secretKeyRef: { name: 'entra', key } },
      },
    ];
    expect(
      config(secretEnv('app-secret')).get(
        'camunda.security.authentication.oidc.client-secret',
      ),
    ).toBe('value');
    expect(() =>
      config(secretEnv('other')).get(
        'camunda.security.authentication.oidc.client-secret',
      ),
    ).toThrow(
      'secret: app env APP_SECRET reads key other of Secret entra, which the secrets manifest does not write (it has app-secret)',
    );
  });
});

describe('secrets delivered through an ExternalSecret', () => {
  const externalSecret = {
    spec: {
      target: { name: 'entra' },
      data: [
        { secretKey: 'a', remoteRef: { key: 'vault-a' } },
        { secretKey: 'b', remoteRef: { key: 'vault-b' } },
      ],
    },
  };

  it('are the vault secrets under the mapped keys', () => {
    const delivered = DeliveredSecrets.fromExternalSecret(
      externalSecret,
      new Map([
        ['vault-a', 'A'],
        ['vault-b', 'B'],
      ]),
    );
    expect(delivered.read({ name: 'entra', key: 'b' }, 'x')).toBe('B');
  });

  it('are none when the vault lacks one, as the sync then fails', () => {
    const delivered = DeliveredSecrets.fromExternalSecret(
      externalSecret,
      new Map([['vault-a', 'A']]),
    );
    expect(() => delivered.read({ name: 'entra', key: 'a' }, 'x')).toThrow(
      'secret: x reads Secret entra, which the ExternalSecret entra does not create (it cannot sync: the vault has no vault-b)',
    );
  });
});
