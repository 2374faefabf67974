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

const SINK_STORE = {
  type: 'azureKeyVault',
  vaultUrl: 'https://payments-kv.vault.azure.net',
  storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
} as const;

describe('camunda:spec:compose', () => {
  const catalog = catalogServiceMock({
    entities: [
      group('camunda-admins', {
        'graph.microsoft.com/group-id': ADMINS_GROUP_ID,
      }),
      group('local-team'),
    ],
  });
  const action = createCamundaSpecComposeAction({ catalog });

  function run(
    input: Record<string, unknown>,
    composer: typeof action = action,
  ) {
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
    return { ctx, done: composer.handler(ctx) };
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
    [
      'group:default/local-team',
      /has no graph.microsoft.com\/group-id annotation/,
    ],
    [
      'group:default/nobody',
      /group:default\/nobody is not a group in the catalog/,
    ],
  ])('refuses %s as administrators group', async (adminGroup, message) => {
    const { ctx, done } = run({ adminGroup });

    await expect(done).rejects.toThrow(message);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  describe("with the portal's Azure Key Vault sink", () => {
    const withSink = createCamundaSpecComposeAction({
      catalog,
      secretStore: SINK_STORE,
    });

    it("gives the spec the sink's vault and store", async () => {
      const { ctx, done } = run({}, withSink);
      await done;

      expect(ctx.output).toHaveBeenCalledWith(
        'spec',
        expect.objectContaining({ secretStore: SINK_STORE }),
      );
    });

    it('keeps a secret store the template gives', async () => {
      const secretStore = {
        ...SINK_STORE,
        storeRef: { kind: 'SecretStore', name: 'payments-kv' },
      };
      const { ctx, done } = run({ secretStore }, withSink);
      await done;

      expect(ctx.output).toHaveBeenCalledWith(
        'spec',
        expect.objectContaining({ secretStore }),
      );
    });

    it("validates the template's secret store like the rest of the spec", async () => {
      const { done } = run(
        { secretStore: { ...SINK_STORE, type: 'vault' } },
        withSink,
      );

      await expect(done).rejects.toThrow(
        /secretStore.type: must be one of azureKeyVault/,
      );
    });
  });

  it('names no secret store without the Azure Key Vault sink', async () => {
    const { ctx, done } = run({});
    await done;

    expect((ctx.output as jest.Mock).mock.calls[0][1]).not.toHaveProperty(
      'secretStore',
    );
  });
});
