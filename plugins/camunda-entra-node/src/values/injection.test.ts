import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';
import { buildCatalogEntity } from './catalogInfo';
import { generateValuesRepository } from './generateValuesRepository';
import { shellQuote } from './shell';

// The spec validator rejects all of these; the generator must stay safe without it.
const HOSTILE = {
  admin: 'alice@example.com\nglobal:\n  injected: true',
  secondAdmin: `x" # y: 'z'`,
  fromAddress: 'noreply@example.com #\nwebModeler: { enabled: false }',
  url: 'https://console.example.com/"#x: 1\n---\nz: 2',
  owner: 'group:a\n  injected: true',
};

function hostileSpec(): DeploymentSpec {
  const spec = fixtureSpec('guide-full-8.8');
  return {
    ...spec,
    admins: [HOSTILE.admin, HOSTILE.secondAdmin],
    webModeler: { fromAddress: HOSTILE.fromAddress },
    components: { ...spec.components, console: { url: HOSTILE.url } },
  };
}

function file(path: string, spec = hostileSpec()) {
  return generateValuesRepository(spec, { owner: HOSTILE.owner }).files.find(
    generated => generated.path === path,
  )!.content;
}

describe('values with YAML syntax in them', () => {
  it('come back unchanged from values.yaml and add no keys', () => {
    const spec = hostileSpec();
    const values = parse(file('values.yaml', spec), { version: '1.1' });
    expect(values).toEqual(buildHelmValues(spec));
    expect(
      values.orchestration.security.initialization.defaultRoles.admin.users,
    ).toEqual([HOSTILE.admin, HOSTILE.secondAdmin]);
    expect(values.global.identity.auth.identity.initialClaimValue).toBe(
      HOSTILE.admin,
    );
    expect(values.webModeler).toEqual({
      enabled: true,
      restapi: { mail: { fromAddress: HOSTILE.fromAddress } },
    });
    expect(values.global.identity.auth.console.redirectUrl).toBe(HOSTILE.url);
    expect(values.global).not.toHaveProperty('injected');
    expect(values).not.toHaveProperty('z');
  });

  it('come back unchanged from catalog-info.yaml', () => {
    const spec = hostileSpec();
    expect(parse(file('catalog-info.yaml', spec))).toEqual(
      buildCatalogEntity(spec, HOSTILE.owner),
    );
  });
});

describe('shellQuote', () => {
  it.each([
    `it's`,
    'a b',
    '$(touch /tmp/pwned)',
    '"; rm -rf / #',
    'plain-name',
  ])('keeps %s one literal argument', word => {
    expect(
      execFileSync('sh', ['-c', `printf '%s' ${shellQuote(word)}`], {
        encoding: 'utf8',
      }),
    ).toBe(word);
  });
});
