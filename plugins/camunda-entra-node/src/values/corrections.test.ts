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
  const url = (component: keyof typeof spec.components) =>
    spec.components[component]!.url!;
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
 * Each documented correction as an edit of the guide's values (none for corrections that
 * only concern the README or a key the guide's values already get right), and a check of
 * the generated output.
 */
const CORRECTIONS: Record<
  string,
  { edit?(guide: HelmValues, line: '8.8' | '8.9'): void; check(): void }
> = {
  'identity-postgresql-user-password-key': {
    edit: guide =>
      set(
        guide,
        'identityPostgresql.auth.secretKeys.userPasswordKey',
        'identity-postgresql-user-password',
      ),
    check: () => {
      expect(get(values88, 'identityPostgresql.auth.secretKeys')).toEqual({
        adminPasswordKey: 'identity-postgresql-admin-password',
        userPasswordKey: 'identity-postgresql-user-password',
      });
    },
  },
  'identity-full-url': {
    edit: guide => {
      remove(guide, 'global.identity.auth.identity.redirectUrl');
      set(guide, 'identity.fullURL', 'https://identity.example.com');
    },
    check: () => {
      expect(get(values88, 'identity.fullURL')).toBe(
        'https://identity.example.com',
      );
      expect(get(values88, 'global.identity.auth.identity')).not.toHaveProperty(
        'redirectUrl',
      );
    },
  },
  'console-redirect-url': {
    edit: guide =>
      set(
        guide,
        'global.identity.auth.console.redirectUrl',
        'https://console.example.com',
      ),
    check: () => {
      expect(get(values89, 'global.identity.auth.console.redirectUrl')).toBe(
        'https://console.example.com',
      );
    },
  },
  'console-well-known': {
    edit: guide =>
      set(
        guide,
        'global.identity.auth.console.wellKnown',
        `https://login.microsoftonline.com/${FULL_88.tenant.id}/v2.0/.well-known/openid-configuration`,
      ),
    check: () => {
      const china = buildHelmValues(
        fixtureSpec('guide-full-8.8', input => {
          input.tenant.cloud = 'china';
        }),
      );
      expect(get(china, 'global.identity.auth.console.wellKnown')).toBe(
        `https://login.chinacloudapi.cn/${FULL_88.tenant.id}/v2.0/.well-known/openid-configuration`,
      );
    },
  },
  'nested-secret-blocks': {
    check: () => {
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
    },
  },
  'secondary-storage': {
    edit: (guide, line) => {
      if (line === '8.9') {
        set(guide, 'global.elasticsearch.enabled', true);
        set(guide, 'elasticsearch.enabled', true);
      }
    },
    check: () => {
      expect(get(values89, 'global.elasticsearch')).toEqual({ enabled: true });
      expect(get(values89, 'elasticsearch')).toEqual({ enabled: true });
      // 8.8 installs Elasticsearch by default: nothing to say.
      expect(values88).not.toHaveProperty('elasticsearch');
      expect(values88.global).not.toHaveProperty('elasticsearch');
    },
  },
  'identity-database-user': {
    check: () => {
      expect(
        requiredSecretKeys(FULL_88).camunda.find(
          key => key.key === 'identity-postgresql-user-password',
        )?.description,
      ).toContain('(identity)');
      expect(buildReadme(FULL_88)).toContain(
        'Management Identity PostgreSQL user (identity)',
      );
    },
  },
  'webmodeler-secret-key-name': {
    check: () => {
      expect(
        get(values88, 'webModelerPostgresql.auth.secretKeys.adminPasswordKey'),
      ).toBe('webmodeler-postgresql-admin-password');
      expect(
        requiredSecretKeys(FULL_88).camunda.map(secretKey => secretKey.key),
      ).toContain('webmodeler-postgresql-admin-password');
      expect(buildReadme(FULL_88)).toContain(
        '  --from-literal=webmodeler-postgresql-admin-password="<webmodeler-postgresql-admin-password>"',
      );
    },
  },
  'connectors-audience': {
    edit: guide =>
      remove(guide, 'connectors.security.authentication.oidc.audience'),
    check: () => {
      expect(
        get(values88, 'connectors.security.authentication.oidc'),
      ).not.toHaveProperty('audience');
    },
  },
  'connectors-role-users': {
    edit: guide =>
      set(
        guide,
        'orchestration.security.initialization.defaultRoles.connectors.users',
        [],
      ),
    check: () => {
      expect(
        get(
          values88,
          'orchestration.security.initialization.defaultRoles.connectors',
        ),
      ).toEqual({ users: [], clients: [FULL_88.clients.orchestration] });
    },
  },
  'identity-audience-without-optimize': {
    check: () => {
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
    },
  },
};

describe('guide corrections', () => {
  it('has a test for every documented correction and documents every tested one', () => {
    expect(Object.keys(CORRECTIONS).sort()).toEqual(
      GUIDE_CORRECTIONS.map(correction => correction.id).sort(),
    );
  });

  it.each(GUIDE_CORRECTIONS.map(correction => [correction.id]))('%s', id => {
    CORRECTIONS[id].check();
  });

  it.each(['8.8', '8.9'] as const)(
    'makes the guide full example on %s differ from the guide only by the documented corrections',
    line => {
      const spec = line === '8.8' ? FULL_88 : FULL_89;
      const guide = guideExampleFor(spec);
      for (const correction of Object.values(CORRECTIONS)) {
        correction.edit?.(guide, line);
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
