import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DeploymentSpec,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { sandboxDirectory } from './__testUtils__/sandboxDirectory';
import { applicationDrift } from './applicationDrift';

jest.setTimeout(60_000);

const GROUP_ID = '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a';

describe('group membership claims in the Entra sandbox', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 12 });
  });
  afterAll(() => sandbox.stop());

  function spec(access?: object) {
    const result = validateDeploymentSpec({
      name: 'groups',
      namespace: 'groups',
      chart: '8.9',
      tenant: {
        id: sandbox.tenantId,
        authorityHost: sandbox.authorityHost,
        graphUrl: sandbox.url,
      },
      components: { orchestration: {}, identity: {} },
      admins: ['alice@example.com'],
      ...(access && { access }),
    });
    if (!result.valid) {
      throw new Error(JSON.stringify(result.problems));
    }
    return result.spec;
  }

  it('are set on the Orchestration Cluster when groups get roles, and removed without', async () => {
    const directory = sandboxDirectory(sandbox);
    const claimsOf = async (withGroups: DeploymentSpec) => {
      const registered = await directory.registerDeployment(withGroups, {
        secrets: 'never',
      });
      const { applications } = await directory.getApplicationsByAppId(
        registered.map(r => r.appId),
      );
      const plans = planEntraApplications(withGroups);
      return applications.map(application => {
        const plan = plans.find(p => p.client === application.client)!;
        return [
          application.client,
          application.groupMembershipClaims,
          applicationDrift(plan, withGroups.name, application),
        ];
      });
    };

    const withGroups = spec({ groups: [{ id: GROUP_ID, roles: ['admin'] }] });
    expect(await claimsOf(withGroups)).toEqual(
      expect.arrayContaining([
        ['orchestration', 'SecurityGroup', []],
        ['identity', undefined, []],
      ]),
    );
    expect(await claimsOf(spec())).toEqual(
      expect.arrayContaining([
        ['orchestration', undefined, []],
        ['identity', undefined, []],
      ]),
    );
  });
});
