import { planEntraApplications } from './applications';
import { validateDeploymentSpec } from './deploymentSpec';

const GROUP_ID = '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a';

function groupClaimsPlanned(access?: object) {
  const result = validateDeploymentSpec({
    name: 'payments',
    namespace: 'payments',
    chart: '8.9',
    tenant: { id: '6f1c2f43-1111-4222-8333-444455556666' },
    components: { orchestration: {}, identity: {}, webModeler: {} },
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
    ...(access && { access }),
  });
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return planEntraApplications(result.spec).map(
    ({ client, groupMembershipClaims }) => [client, groupMembershipClaims],
  );
}

describe('group membership claims', () => {
  it("are the Orchestration Cluster's security groups when groups get roles", () => {
    expect(
      groupClaimsPlanned({ groups: [{ id: GROUP_ID, roles: ['admin'] }] }),
    ).toEqual([
      ['orchestration', 'SecurityGroup'],
      ['identity', undefined],
      ['webModelerUi', undefined],
      ['webModelerApi', undefined],
    ]);
  });

  it('are not asked for without groups', () => {
    expect(groupClaimsPlanned().every(([, claims]) => !claims)).toBe(true);
    expect(
      groupClaimsPlanned({ groups: [] }).every(([, claims]) => !claims),
    ).toBe(true);
  });
});
