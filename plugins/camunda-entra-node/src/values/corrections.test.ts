import {
  BrowserComponent,
  componentUrl,
} from '@camunda-entra/plugin-camunda-entra-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES, fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues, HelmValues } from './buildValues';
import { GUIDE_CORRECTIONS } from './corrections';
import { buildReadme } from './readme';
import { requiredSecretKeys } from './secretKeys';

const FULL_88 = fixtureSpec('guide-full-8.8');
const FULL_89 = fixtureSpec('guide-full-8.9');
const values88 = buildHelmValues(FULL_88);
const values89 = buildHelmValues(FULL_89);

function get(values: unknown, path: string): any {
  return path
    .split('.')
    .reduce<any>(
      (node, key) => (node === undefined ? undefined : node[key]),
      values,
    );
}

function set(values: HelmValues, path: string, value: unknown) {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce<any>((node, key) => (node[key] ??= {}), values);
  parent[last] = value;
}

function remove(values: HelmValues, path: string) {
  const keys = path.split('.');
  const last = keys.pop()!;
  delete get(values, keys.join('.'))[last];
}

/** The guide's full example with its placeholders replaced by the values of the fixture spec. */
function guideExampleFor(spec: typeof FULL_88): HelmValues {
  const url = (component: BrowserComponent) => componentUrl(spec, component);
  const placeholders: Record<string, string> = {
    '<tenant id>': spec.tenant.id,
    '<mgmt-identity-app-id>': spec.clients.identity!,
    '<optimize-app-id>': spec.clients.optimize!,
    '<web-modeler-ui-app-id>': spec.clients.webModelerUi!,
    '<web-modeler-api-app-id>': spec.clients.webModelerApi!,
    '<console-app-id>': spec.clients.console!,
    '<oc-app-id>': spec.clients.orchestration!,
    '<the email address of your initial admin user>': spec.admins[0],
    '<IDENTITY_URL>': url('identity'),
    '<OPTIMIZE_URL>': url('optimize'),
    '<WEB_MODELER_URL>': url('webModeler'),
    '<OC_URL>': url('orchestration'),
  };
  const text = readFileSync(join(FIXTURES, 'guide-full-example.yaml'), 'utf8');
  return parse(
    Object.entries(placeholders).reduce(
      (result, [placeholder, value]) => result.split(placeholder).join(value),
      text,
    ),
  );
}

/**
 * The documented corrections as edits of the guide's values. Corrections that concern only
 * the README, or keys the guide's values already get right, have none.
 */
const GUIDE_EDITS: Record<
  string,
  (guide: HelmValues, line: '8.8' | '8.9') => void
> = {
  'identity-postgresql-user-password-key': guide =>
    set(
      guide,
      'identityPostgresql.auth.secretKeys.userPasswordKey',
      'identity-postgresql-user-password',
    ),
  'identity-full-url': guide => {
    remove(guide, 'global.identity.auth.identity.redirectUrl');
    set(guide, 'identity.fullURL', 'https://identity.example.com');
  },
  'console-redirect-url': guide =>
    set(
      guide,
      'global.identity.auth.console.redirectUrl',
      'https://console.example.com',
    ),
  'console-well-known': guide =>
    set(
      guide,
      'global.identity.auth.console.wellKnown',
      `https://login.microsoftonline.com/${FULL_88.tenant.id}/v2.0/.well-known/openid-configuration`,
    ),
  'secondary-storage': (guide, line) => {
    if (line === '8.9') {
      set(guide, 'global.elasticsearch.enabled', true);
      set(guide, 'elasticsearch.enabled', true);
    }
  },
  'connectors-audience': guide =>
    remove(guide, 'connectors.security.authentication.oidc.audience'),
  'connectors-role-users': guide =>
    set(
      guide,
      'orchestration.security.initialization.defaultRoles.connectors.users',
      [],
    ),
  'orchestration-userinfo-off': (guide, line) => {
    if (line === '8.9') {
      set(guide, 'orchestration.env', [
        {
          name: 'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED',
          value: 'false',
        },
      ]);
    }
  },
};

/** The corrections the tests below check, one test each, named by id. */
const TESTED = [
  'identity-postgresql-user-password-key',
  'identity-full-url',
  'console-redirect-url',
  'console-well-known',
  'nested-secret-blocks',
  'secondary-storage',
  'identity-database-user',
  'webmodeler-secret-key-name',
  'connectors-audience',
  'connectors-role-users',
  'orchestration-userinfo-off',
  'orchestration-configuration-file',
  'identity-audience-without-optimize',
];

describe('guide corrections', () => {
  it('identity-postgresql-user-password-key', () => {
    expect(get(values88, 'identityPostgresql.auth.secretKeys')).toEqual({
      adminPasswordKey: 'identity-postgresql-admin-password',
      userPasswordKey: 'identity-postgresql-user-password',
    });
  });

  it('identity-full-url', () => {
    expect(get(values88, 'identity.fullURL')).toBe(
      'https://identity.example.com',
    );
    expect(get(values88, 'global.identity.auth.identity')).not.toHaveProperty(
      'redirectUrl',
    );
  });

  it('console-redirect-url', () => {
    expect(get(values89, 'global.identity.auth.console.redirectUrl')).toBe(
      'https://console.example.com',
    );
  });

  it('console-well-known', () => {
    const china = fixtureSpec('guide-full-8.8', input => {
      input.tenant.cloud = 'china';
    });
    expect(
      get(buildHelmValues(china), 'global.identity.auth.console.wellKnown'),
    ).toBe(
      `https://login.chinacloudapi.cn/${FULL_88.tenant.id}/v2.0/.well-known/openid-configuration`,
    );
  });

  it('nested-secret-blocks', () => {
    for (const path of [
      'global.identity.auth.identity.secret',
      'global.identity.auth.optimize.secret',
      'orchestration.security.authentication.oidc.secret',
      'connectors.security.authentication.oidc.secret',
    ]) {
      expect(get(values89, path)).toEqual({
        existingSecret: 'entra-credentials',
        existingSecretKey: expect.stringMatching(/-client-secret$/),
      });
    }
  });

  it('secondary-storage', () => {
    expect(get(values89, 'global.elasticsearch')).toEqual({ enabled: true });
    expect(get(values89, 'elasticsearch')).toEqual({ enabled: true });
    // 8.8 installs Elasticsearch by default: nothing to say.
    expect(values88).not.toHaveProperty('elasticsearch');
    expect(values88.global).not.toHaveProperty('elasticsearch');
  });

  it('identity-database-user', () => {
    const userKey = requiredSecretKeys(FULL_88).camunda.find(
      secretKey => secretKey.key === 'identity-postgresql-user-password',
    );
    expect(userKey?.description).toContain('PostgreSQL user (identity)');
    expect(buildReadme(FULL_88)).toContain(
      'Management Identity PostgreSQL user (identity)',
    );
  });

  it('webmodeler-secret-key-name', () => {
    expect(
      get(values88, 'webModelerPostgresql.auth.secretKeys.adminPasswordKey'),
    ).toBe('webmodeler-postgresql-admin-password');
    expect(buildReadme(FULL_88)).toContain(
      '  --from-file=webmodeler-postgresql-admin-password="<file holding webmodeler-postgresql-admin-password>"',
    );
  });

  it('connectors-audience', () => {
    expect(
      get(values88, 'connectors.security.authentication.oidc'),
    ).not.toHaveProperty('audience');
  });

  it('connectors-role-users', () => {
    expect(
      get(
        values88,
        'orchestration.security.initialization.defaultRoles.connectors',
      ),
    ).toEqual({ users: [], clients: [FULL_88.clients.orchestration] });
  });

  it('orchestration-userinfo-off', () => {
    expect(get(values89, 'orchestration.env')).toEqual([
      {
        name: 'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED',
        value: 'false',
      },
    ]);
    // Spring Security 6 (8.8) never calls userinfo for Entra's resource-qualified scopes.
    expect(values88.orchestration).not.toHaveProperty('env');
  });

  it('orchestration-configuration-file', () => {
    const values = buildHelmValues(fixtureSpec('full-8.10')) as any;
    const { oidc } = values.orchestration.security.authentication;
    expect(Object.keys(oidc).sort()).toEqual([
      'audience',
      'clientId',
      'secret',
    ]);
    expect(values.orchestration.security.initialization).toEqual({
      defaultRoles: expect.any(Object),
    });
    expect(values.orchestration.extraConfiguration).toEqual([
      {
        file: 'camunda-entra.yaml',
        content: expect.stringContaining('client-id-claim: azp'),
      },
    ]);
    // The chart lines before 8.10 keep the values the guide uses.
    expect(values89.orchestration).not.toHaveProperty('extraConfiguration');
  });

  it('identity-audience-without-optimize', () => {
    expect(values88.identity).not.toHaveProperty('env');
    const withoutOptimize = buildHelmValues(
      fixtureSpec('optimize-disabled-8.8'),
    );
    expect(get(withoutOptimize, 'identity.env')).toEqual([
      {
        name: 'CAMUNDA_IDENTITY_AUDIENCE',
        value: '0a1b2c3d-0000-4000-8000-000000000002',
      },
    ]);
  });

  it('tests every documented correction', () => {
    expect([...TESTED].sort()).toEqual(
      GUIDE_CORRECTIONS.map(documented => documented.id).sort(),
    );
  });

  it.each(['8.8', '8.9'] as const)(
    'makes the guide full example on %s differ from the guide only by the documented corrections',
    line => {
      const spec = line === '8.8' ? FULL_88 : FULL_89;
      const guide = guideExampleFor(spec);
      for (const edit of Object.values(GUIDE_EDITS)) {
        edit(guide, line);
      }
      expect(buildHelmValues(spec)).toEqual(guide);
    },
  );

  it('lists in the README only the corrections that apply to the spec', () => {
    const readme = buildReadme(fixtureSpec('minimal-8.9'));
    expect(readme).toContain(
      '`connectors.security.authentication.oidc.audience`',
    );
    expect(readme).not.toContain('identity.fullURL');
    expect(readme).not.toContain('wellKnown');
  });
});
