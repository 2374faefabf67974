import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCamundaSpecComposeAction } from './composeSpec';

const ADMINS_GROUP_ID = '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a';

function group(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  };
}

describe('camunda:spec:compose', () => {
  const action = createCamundaSpecComposeAction({
    catalog: catalogServiceMock({
      entities: [
        group('camunda-admins', {
          'graph.microsoft.com/group-id': ADMINS_GROUP_ID,
        }),
        group('local-team'),
      ],
    }),
  });

  function run(input: Record<string, unknown>) {
    const ctx = createMockActionContext() as unknown as Parameters<
      typeof action.handler
    >[0];
    ctx.input = {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.8',
      components: { orchestration: true, connectors: true },
      admins: ['alice@example.com'],
      ...input,
    } as typeof ctx.input;
    return { ctx, done: action.handler(ctx) };
  }

  it('outputs the spec of a valid form', async () => {
    const { ctx, done } = run({});
    await done;

    expect(ctx.output).toHaveBeenCalledWith('spec', {
      name: 'payments',
      namespace: 'payments-camunda',
      chart: '8.8',
      components: { orchestration: {}, connectors: {} },
      admins: ['alice@example.com'],
    });
  });

  it('lists every problem of an invalid form', async () => {
    const { ctx, done } = run({
      name: 'Payments!',
      components: { webModeler: true, identity: true },
      baseDomain: 'example.com',
    });

    await expect(done).rejects.toThrow(
      /name: must be a DNS label.*webModeler.fromAddress: is required when Web Modeler is enabled/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("grants machine clients their presets' permissions, merged per resource", async () => {
    const { ctx, done } = run({
      machineClients: [
        { name: 'payments-worker', presets: ['job-worker', 'start-processes'] },
        { name: 'ci', presets: ['deploy'] },
      ],
    });
    await done;

    expect(ctx.output).toHaveBeenCalledWith(
      'spec',
      expect.objectContaining({
        machineClients: [
          {
            name: 'payments-worker',
            authorizations: [
              {
                resourceType: 'PROCESS_DEFINITION',
                resourceId: '*',
                permissions: [
                  'READ_PROCESS_DEFINITION',
                  'UPDATE_PROCESS_INSTANCE',
                  'CREATE_PROCESS_INSTANCE',
                ],
              },
            ],
          },
          {
            name: 'ci',
            authorizations: [
              {
                resourceType: 'RESOURCE',
                resourceId: '*',
                permissions: ['CREATE', 'READ'],
              },
            ],
          },
        ],
      }),
    );
  });

  it('refuses a machine client without any preset', async () => {
    const { done } = run({ machineClients: [{ name: 'idle', presets: [] }] });

    await expect(done).rejects.toThrow(
      /machineClients.0.authorizations: must grant at least one authorization/,
    );
  });

  it("makes the administrators group's Entra object ID an admin of the Orchestration Cluster", async () => {
    const { ctx, done } = run({ adminGroup: 'group:default/camunda-admins' });
    await done;

    expect(ctx.output).toHaveBeenCalledWith(
      'spec',
      expect.objectContaining({
        access: { groups: [{ id: ADMINS_GROUP_ID, roles: ['admin'] }] },
      }),
    );
  });

  it.each([
    ['group:default/local-team', /has no graph.microsoft.com\/group-id annotation/],
    ['group:default/nobody', /group:default\/nobody is not a group in the catalog/],
  ])('refuses %s as administrators group', async (adminGroup, message) => {
    const { ctx, done } = run({ adminGroup });

    await expect(done).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });
});
