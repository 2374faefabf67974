import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  AUTOMATION,
  sandboxConfig,
  TENANT,
} from './__testUtils__/sandboxConfig';
import sandboxOrgProvider from './sandboxOrgProvider';

jest.setTimeout(60_000);

async function startWith(provider: Record<string, unknown>) {
  const { port, camundaEntra } = await sandboxConfig();
  const providers: EntityProvider[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (...added: EntityProvider[]) =>
            providers.push(...added),
        },
      ],
    ],
    features: [
      sandboxOrgProvider,
      // Runs a task as soon as it is scheduled, i.e. when the catalog connects the provider.
      mockServices.scheduler.mock({
        scheduleTask: async task => task.fn(new AbortController().signal),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            providers: {
              microsoftGraphOrg: {
                entra: {
                  target: `https://127.0.0.1:${port}/v1.0`,
                  authority: `https://127.0.0.1:${port}`,
                  tenantId: TENANT,
                  ...AUTOMATION,
                  schedule: {
                    frequency: { minutes: 1 },
                    timeout: { minutes: 1 },
                  },
                  ...provider,
                },
              },
            },
          },
          camundaEntra,
        },
      }),
    ],
  });
  return { backend, providers };
}

describe('sandbox org provider', () => {
  it("writes the sandbox's users and groups as the msgraph module does, as one full mutation", async () => {
    const { backend, providers } = await startWith({});
    expect(providers.map(p => p.getProviderName())).toEqual([
      'SandboxOrgEntityProvider:entra',
    ]);
    const mutation = await new Promise<EntityProviderMutation>(resolve =>
      providers[0].connect({ applyMutation: async m => resolve(m), refresh: jest.fn() }),
    );
    await backend.stop();

    expect(mutation.type).toBe('full');
    const entities =
      mutation.type === 'full' ? mutation.entities.map(e => e.entity) : [];
    const byName = Object.fromEntries(
      entities.map(entity => [`${entity.kind}:${entity.metadata.name}`, entity]),
    );
    expect(Object.keys(byName).sort()).toEqual([
      'Group:camunda_entra_example',
      'Group:payments-team',
      'Group:platform-team',
      'User:dana_camunda-entra.example',
      'User:pat_camunda-entra.example',
    ]);
    const pat = byName['User:pat_camunda-entra.example'];
    expect(pat.metadata.annotations).toMatchObject({
      'graph.microsoft.com/user-id': 'e17a0000-0000-4000-8000-000000000001',
      'backstage.io/managed-by-location': 'msgraph:entra/pat_camunda-entra.example',
      'backstage.io/managed-by-origin-location':
        'msgraph:entra/pat_camunda-entra.example',
    });
    expect(pat.spec).toMatchObject({
      memberOf: ['group:default/platform-team'],
      profile: { email: 'pat@camunda-entra.example' },
    });
  });

  it('names the provider whose credential is missing', async () => {
    await expect(startWith({ authority: undefined })).rejects.toThrow(
      'catalog.providers.microsoftGraphOrg.entra needs authority, clientId and clientSecret to read the Entra sandbox',
    );
  });
});
