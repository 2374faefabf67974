import { fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';

function withoutAccess(input: Record<string, any>) {
  delete input.machineClients;
  delete input.access;
  delete input.clients.machine;
}

describe('machine clients and groups in the values', () => {
  it.each(['8.8', '8.9'])(
    'change nothing but the Orchestration Cluster initialization on %s',
    line => {
      const name = `identity-as-code-${line}`;
      const values: any = buildHelmValues(fixtureSpec(name));
      const plain: any = buildHelmValues(fixtureSpec(name, withoutAccess));
      delete values.orchestration.security.initialization;
      delete plain.orchestration.security.initialization;
      // In particular no secret reference for a machine client: their secrets stay out of values.
      expect(values).toEqual(plain);
    },
  );

  it('keep the administrators and the Connectors client beside the group rules', () => {
    const values: any = buildHelmValues(fixtureSpec('identity-as-code-8.8'));
    expect(values.orchestration.security.initialization.defaultRoles).toEqual({
      admin: {
        users: ['alice@example.com'],
        mappingRules: ['entra-group-5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a'],
      },
      connectors: {
        users: [],
        clients: ['0a1b2c3d-0000-4000-8000-000000000001'],
      },
      'readonly-admin': {
        mappingRules: ['entra-group-7e2d1f8c-3b5a-4d4f-8c9b-2a3f4e5d6c7b'],
      },
      rpa: {
        mappingRules: ['entra-group-7e2d1f8c-3b5a-4d4f-8c9b-2a3f4e5d6c7b'],
      },
    });
  });

  it('match group IDs in lower case, as Entra writes them into the groups claim', () => {
    const values: any = buildHelmValues(fixtureSpec('identity-as-code-8.9'));
    expect(
      values.orchestration.security.initialization.mappingRules[0],
    ).toEqual({
      mappingRuleId: 'entra-group-5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a',
      claimName: 'groups',
      claimValue: '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a',
    });
  });

  it('emit no mapping rules or authorizations for a spec without them', () => {
    const values: any = buildHelmValues(fixtureSpec('minimal-8.9'));
    expect(Object.keys(values.orchestration.security.initialization)).toEqual([
      'defaultRoles',
    ]);
  });
});
