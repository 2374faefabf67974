import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readdir, readFile } from 'fs/promises';
import path from 'path';
import { parse } from 'yaml';
import { createCamundaHelmValuesAction } from './helmValues';

const SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.9',
  tenant: { id: '6f1c2f43-0000-4000-8000-000000000001' },
  components: { orchestration: {}, connectors: {}, identity: {}, optimize: {} },
  admins: ['alice@example.com'],
};
const CLIENTS = {
  orchestration: '11111111-0000-4000-8000-000000000001',
  identity: '11111111-0000-4000-8000-000000000002',
  optimize: '11111111-0000-4000-8000-000000000003',
};

describe('camunda:helm:values', () => {
  const workspace = createMockDirectory();
  const action = createCamundaHelmValuesAction();

  beforeEach(() => workspace.clear());

  it('writes the values repository with the client IDs into a workspace folder', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        spec: SPEC,
        clients: CLIENTS,
        owner: 'group:default/payments',
        targetPath: 'camunda',
      },
    });

    await action.handler(ctx);

    const dir = path.join(workspace.path, 'camunda');
    expect((await readdir(dir)).sort()).toEqual(
      expect.arrayContaining(['README.md', 'catalog-info.yaml', 'values.yaml']),
    );
    const values = parse(await readFile(path.join(dir, 'values.yaml'), 'utf8'));
    expect(values.orchestration.security.authentication.oidc.clientId).toBe(
      CLIENTS.orchestration,
    );
    const entity = parse(
      await readFile(path.join(dir, 'catalog-info.yaml'), 'utf8'),
    );
    expect(entity.spec.owner).toBe('group:default/payments');
    expect(ctx.output).toHaveBeenCalledWith('path', 'camunda');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/camunda-payments',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(['values.yaml', 'catalog-info.yaml']),
    );
  });

  it('refuses a spec whose applications are not registered and writes nothing', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        spec: SPEC,
        clients: { orchestration: CLIENTS.orchestration },
        targetPath: '.',
      },
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /clients\.identity: is required to generate values.*clients\.optimize: is required/,
    );
    expect(await readdir(workspace.path)).toEqual([]);
  });

  it('refuses a target outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: { spec: SPEC, clients: CLIENTS, targetPath: '../elsewhere' },
    });

    await expect(action.handler(ctx)).rejects.toThrow(/outside/);
  });

  it('takes machine client IDs keyed machine.<name> into clients.machine', async () => {
    const workerId = '11111111-0000-4000-8000-0000000000a1';
    const ctx = createMockActionContext({
      workspacePath: workspace.path,
      input: {
        spec: {
          ...SPEC,
          machineClients: [
            {
              name: 'payments-worker',
              authorizations: [
                {
                  resourceType: 'RESOURCE',
                  resourceId: '*',
                  permissions: ['CREATE'],
                },
              ],
            },
          ],
        },
        clients: { ...CLIENTS, 'machine.payments-worker': workerId },
      },
    });

    await action.handler(ctx);

    const values = parse(
      await readFile(path.join(workspace.path, 'values.yaml'), 'utf8'),
    );
    expect(values.orchestration.security.initialization.authorizations).toEqual(
      [expect.objectContaining({ ownerId: workerId })],
    );
  });
});
