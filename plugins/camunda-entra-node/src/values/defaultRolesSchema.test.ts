import { fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';
import { violationsOf } from './__testUtils__/violations';

function violationsWithDefaultRoles(
  line: '8.8' | '8.9',
  defaultRoles: unknown,
): string[] {
  const values: any = buildHelmValues(fixtureSpec(`identity-as-code-${line}`));
  values.orchestration.security.initialization.defaultRoles = defaultRoles;
  return violationsOf(line, values);
}

const PATH = 'orchestration.security.initialization.defaultRoles';

describe('default roles in the strict chart schema', () => {
  it.each(['8.8', '8.9'] as const)(
    'take mapping rules on every default role of %s',
    line => {
      expect(
        violationsWithDefaultRoles(line, {
          admin: { users: ['alice@example.com'], mappingRules: ['a'] },
          connectors: { clients: ['c'], mappingRules: ['b'] },
          'readonly-admin': { mappingRules: ['a'], groups: ['g'] },
        }),
      ).toEqual([]);
    },
  );

  it('refuse roles the chart line does not have', () => {
    expect(
      violationsWithDefaultRoles('8.8', { 'task-worker': { users: [] } }),
    ).toContainEqual(`${PATH}: property name must be valid`);
    expect(
      violationsWithDefaultRoles('8.9', { 'task-worker': { users: [] } }),
    ).toEqual([]);
  });

  it('refuse member kinds Camunda does not read and members that are not IDs', () => {
    expect(
      violationsWithDefaultRoles('8.9', {
        admin: { owners: ['x'] },
        rpa: { mappingRules: [{ claimName: 'groups' }] },
      }),
    ).toEqual(
      expect.arrayContaining([
        `${PATH}.admin.owners: is not a key the chart declares`,
        `${PATH}.rpa.mappingRules.0: must be string`,
      ]),
    );
  });
});
