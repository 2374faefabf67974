import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  AdoptionCandidate,
  CamundaEntraApi,
} from '@camunda-entra/plugin-camunda-entra-common';
import { createCamundaFindApplicationsAction } from './findApplications';

const SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.8',
  components: { orchestration: {}, connectors: {}, identity: {}, optimize: {} },
  admins: ['alice@example.com'],
};
const OC = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OPTIMIZE = '4f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const IDENTITY = '7f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** A backend whose tenant holds `applications`; it matches display names by prefix. */
function backend(applications: AdoptionCandidate[]) {
  return {
    findAdoptionCandidates: jest.fn(async ({ displayName }) => ({
      items: applications.filter(app =>
        app.displayName.toLowerCase().startsWith(displayName.toLowerCase()),
      ),
    })),
  } as Partial<CamundaEntraApi> as jest.Mocked<CamundaEntraApi>;
}

const web = (appId: string, displayName: string, deployment?: string) => ({
  appId,
  displayName,
  platform: 'web' as const,
  ...(deployment && { deployment }),
});

type Input = NonNullable<
  Parameters<typeof createMockActionContext>[0]
>['input'];

async function run(client: CamundaEntraApi, input: Input, isDryRun = false) {
  const action = createCamundaFindApplicationsAction({
    client,
    auth: mockServices.auth(),
  });
  const ctx = createMockActionContext({ input });
  ctx.isDryRun = isDryRun;
  await action.handler(ctx as any);
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  );
}

describe('camunda:entra:find-applications', () => {
  it("finds each application by the guide's name unless its client ID is given, and outputs the spec with its clients", async () => {
    const client = backend([
      web(OC, 'Orchestration Cluster'),
      web('5f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'Orchestration Cluster 2'),
      web(OPTIMIZE, 'Optimize'),
      web(IDENTITY, 'Management Identity'),
    ]);

    const found = await run(client, { spec: SPEC });
    const given = await run(client, {
      spec: SPEC,
      clientIds: { orchestration: OC, identity: IDENTITY, optimize: '' },
      displayNames: { optimize: 'optimize' },
    });

    const clients = {
      orchestration: OC,
      identity: IDENTITY,
      optimize: OPTIMIZE,
    };
    expect(found.clients).toEqual(clients);
    expect(found.spec).toEqual({ ...SPEC, clients });
    expect(given.clients).toEqual(found.clients);
    expect(client.findAdoptionCandidates).toHaveBeenLastCalledWith(
      { displayName: 'optimize' },
      { token: expect.any(String) },
    );
    expect(client.findAdoptionCandidates).toHaveBeenCalledTimes(4);
  });

  it('refuses, naming each client, a name no application has, two have, or another deployment holds', async () => {
    const spec = {
      ...SPEC,
      components: { ...SPEC.components, console: {} },
    };
    const client = backend([
      web(OC, 'Orchestration Cluster'),
      web(OPTIMIZE, 'Optimize'),
      web('5f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'optimize'),
      web('6f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'Console', 'orders'),
    ]);

    await expect(run(client, { spec })).rejects.toThrow(
      `identity: no application is named "Management Identity"; optimize: 2 applications are named "Optimize" (${OPTIMIZE}, 5f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d); console: the application named "Console" (6f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d) belongs to the deployment orders. Give the client IDs`,
    );
  });

  it('in a dry run outputs placeholder client IDs without calling the backend', async () => {
    const client = backend([]);

    const { clients } = await run(client, { spec: SPEC }, true);

    expect(Object.keys(clients)).toEqual([
      'orchestration',
      'identity',
      'optimize',
    ]);
    expect(client.findAdoptionCandidates).not.toHaveBeenCalled();
  });
});
