import { mockServices } from '@backstage/backend-test-utils';
import {
  DeploymentSpec,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraApplicationInfo,
  MonitoringDirectory,
} from '@camunda-entra/plugin-camunda-entra-node';
import { FULL_SPEC, TEST_TENANT_ID } from '../__testUtils__/FakeDirectory';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { planAdoption } from './planAdoption';

const databases = createTestDatabases();

function specWith(
  clients: Record<string, string>,
  name = 'payments',
): DeploymentSpec {
  const result = validateDeploymentSpec({
    ...FULL_SPEC,
    name,
    tenant: { id: TEST_TENANT_ID },
    clients,
  });
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.spec;
}

const CLIENTS: string[] = planEntraApplications(specWith({})).map(
  app => app.client,
);
const appIdOf = (client: string) =>
  `00000000-0000-4000-8000-${String(CLIENTS.indexOf(client) + 1).padStart(
    12,
    '0',
  )}`;
const ALL_CLIENTS = Object.fromEntries(CLIENTS.map(c => [c, appIdOf(c)]));

/** An application registered by hand as the guide describes: no tags, one secret. */
function handMade(client: string): EntraApplicationInfo {
  return {
    objectId: `obj-${client}`,
    appId: appIdOf(client),
    displayName: `payments ${client}`,
    tags: [],
    webRedirectUris: [],
    spaRedirectUris: [],
    requestedAccessTokenVersion: 2,
    optionalClaims: { idToken: [], accessToken: [] },
    passwordCredentials: [
      {
        keyId: `key-${client}`,
        hint: 'abc',
        displayName: 'made by hand',
        endDateTime: '2027-06-01T00:00:00Z',
      },
    ],
    keyCredentials: [],
  };
}

function directoryOf(
  applications: EntraApplicationInfo[],
): MonitoringDirectory {
  return {
    getApplicationsByAppId: async appIds => {
      const found = applications.filter(app => appIds.includes(app.appId));
      return {
        applications: found,
        servicePrincipalAppIds: found.map(app => app.appId),
      };
    },
    listApplications: async () => applications,
  };
}

describe('planAdoption', () => {
  async function plan(
    spec: DeploymentSpec,
    applications = CLIENTS.map(handMade),
    recorded?: (store: DatabaseRequestStore) => Promise<unknown>,
  ) {
    const store = await DatabaseRequestStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
      }),
    });
    await recorded?.(store);
    return planAdoption({ store, directory: directoryOf(applications), spec });
  }

  it('lists each application found with its drift and its secrets, never their text', async () => {
    const adoption = await plan(specWith(ALL_CLIENTS));

    expect(adoption.clients).toEqual(ALL_CLIENTS);
    expect(adoption.objectIds).toEqual(
      Object.fromEntries(CLIENTS.map(c => [c, `obj-${c}`])),
    );
    const optimize = adoption.plan.applications.find(
      app => app.client === 'optimize',
    )!;
    expect(optimize).toMatchObject({
      secret: false,
      existing: {
        appId: appIdOf('optimize'),
        displayName: 'payments optimize',
        secrets: [
          {
            keyId: 'key-optimize',
            hint: 'abc',
            endDateTime: '2027-06-01T00:00:00Z',
          },
        ],
      },
    });
    expect(optimize.differences!.map(d => d.property)).toEqual(
      expect.arrayContaining(['displayName', 'web.redirectUris', 'tags']),
    );
    expect(adoption.plan.registration).toEqual({ kind: 'new' });
    expect(adoption.plan.secretDestination).toMatch(/^unchanged/);
  });

  it('refuses a spec without the client ID of an application it needs, naming the field', async () => {
    const { optimize: _optimize, ...clients } = ALL_CLIENTS;

    await expect(plan(specWith(clients))).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^clients.optimize: is required/),
    });
  });

  it('refuses a client ID for an application no enabled component needs', async () => {
    const spec = specWith(ALL_CLIENTS);
    const { console: _console, ...components } = spec.components;
    const { console: _id, ...clients } = ALL_CLIENTS;

    await expect(
      plan({ ...spec, components, clients: { ...clients, console: _id } }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        "clients.console: names no application of this deployment's components",
      ),
    });
  });

  it('refuses a client ID that is not in the tenant, naming the field', async () => {
    await expect(
      plan(
        specWith(ALL_CLIENTS),
        CLIENTS.filter(c => c !== 'identity').map(handMade),
      ),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: `clients.identity: no application with the client ID ${appIdOf(
        'identity',
      )} in the tenant`,
    });
  });

  it('refuses an application tagged for another deployment', async () => {
    const tagged = CLIENTS.map(handMade).map(app =>
      app.appId === appIdOf('console')
        ? { ...app, deployment: 'billing' }
        : app,
    );

    await expect(plan(specWith(ALL_CLIENTS), tagged)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^clients.console: .* tagged as part of the deployment billing/,
      ),
    });
  });

  it('refuses an application another recorded deployment registered', async () => {
    const refusal = plan(specWith(ALL_CLIENTS), undefined, store =>
      recordProvisionedRequest(store, specWith({}, 'billing'), [
        {
          client: 'optimize',
          appId: appIdOf('optimize'),
          objectId: 'obj-optimize',
        },
      ]),
    );

    await expect(refusal).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^clients.optimize: the application .* belongs to the deployment billing \(request .*, provisioned\)$/,
      ),
    });
  });
});
