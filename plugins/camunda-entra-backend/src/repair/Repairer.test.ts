import { mockServices } from '@backstage/backend-test-utils';
import {
  DeploymentSpec,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import {
  FakeDirectory,
  FULL_SPEC,
  TEST_TENANT_ID,
} from '../__testUtils__/FakeDirectory';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { StoredRequest } from '../database/RequestStore';
import { buildRequestPlan } from '../provisioning/requestPlan';
import { registrationOf } from '../registrations/registrationOwner';
import { Repairer } from './Repairer';

const databases = createTestDatabases();
const ENTITY_REF = 'component:default/camunda-payments';

function validSpec(input: Record<string, unknown>): DeploymentSpec {
  const result = validateDeploymentSpec({
    ...input,
    tenant: { id: TEST_TENANT_ID },
  });
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.spec;
}

describe('Repairer', () => {
  const spec = validSpec(FULL_SPEC);

  async function setup() {
    const database = mockServices.database({
      knex: await databases.init('SQLITE_3'),
    });
    const store = await DatabaseRequestStore.create({ database });
    const directory = new FakeDirectory();
    const registered = await directory.registerDeployment(
      spec,
      planEntraApplications(spec),
    );
    const provisioned = await recordProvisionedRequest(
      store,
      spec,
      registered,
      { entityRef: ENTITY_REF },
    );
    const optimize = registered.find(a => a.client === 'optimize')!;
    const id = randomUUID();
    const plan = buildRequestPlan(
      spec,
      'unchanged',
      registrationOf(provisioned),
    );
    await store.create({
      id,
      kind: 'repair',
      spec,
      plan: {
        ...plan,
        applications: plan.applications
          .filter(a => a.client === 'optimize')
          .map(a => ({
            ...a,
            secret: false,
            differences: [
              {
                property: 'web redirect URIs',
                expected: 'http://localhost:8083/api/authentication/callback',
                actual: 'https://evil.example.com/callback',
              },
            ],
          })),
      },
      requester: 'user:default/alice',
      entityRef: ENTITY_REF,
      events: [
        { state: 'pending', actor: 'user:default/alice' },
        { state: 'approved', actor: 'user:default/bob' },
        { state: 'provisioning', actor: 'test' },
      ],
    });
    await store.recordApplications(id, {
      clients: { optimize: optimize.appId },
      objectIds: { optimize: optimize.objectId },
    });
    const registrations: string[] = [];
    directory.beforeOperation = (operation, client) => {
      if (operation === 'registerApplication') {
        registrations.push(client);
      }
    };
    return {
      store,
      directory,
      registered,
      registrations,
      repairer: Repairer.create({ directory, store }),
      request: (await store.get(id)) as StoredRequest,
    };
  }

  it('registers the drifted applications again and adds no secret', async () => {
    const { repairer, request, registrations, directory } = await setup();

    const repaired = await repairer.repair(request);

    expect(repaired.state).toBe('provisioned');
    expect(registrations).toEqual(['optimize']);
    expect(directory.secretTexts()).toEqual([]);
  });

  it('refuses to repair to a registration that a later provisioning replaced', async () => {
    const { store, repairer, request, registrations, registered } =
      await setup();
    // The deployment was provisioned again (new redirect URIs) after the repair was planned.
    await recordProvisionedRequest(
      store,
      validSpec({
        ...FULL_SPEC,
        components: {
          ...FULL_SPEC.components,
          optimize: { url: 'https://optimize.example.com' },
        },
      }),
      registered,
      { entityRef: ENTITY_REF },
    );

    await expect(repairer.repair(request)).rejects.toThrow(
      /the registration of payments it was planned from .* was replaced/,
    );
    expect(registrations).toEqual([]);
  });

  it('creates no application when the recorded one was deleted', async () => {
    const { repairer, request, registrations, directory } = await setup();
    const optimize = [...directory.applications.values()].find(
      app => app.objectId === request.objectIds.optimize,
    )!;
    directory.applications.delete(optimize.uniqueName);
    const count = directory.applications.size;

    await expect(repairer.repair(request)).rejects.toThrow(
      /optimize: the recorded application .* is no longer in the directory/,
    );
    expect(registrations).toEqual([]);
    expect(directory.applications.size).toBe(count);
  });
});
