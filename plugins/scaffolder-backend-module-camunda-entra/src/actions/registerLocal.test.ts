import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCamundaCatalogRegisterLocalAction } from './registerLocal';

describe('camunda:catalog:register-local', () => {
  const root = createMockDirectory();

  beforeEach(() =>
    root.setContent({
      repos: {
        'camunda-payments': {
          'catalog-info.yaml':
            'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: camunda-payments\nspec: {}\n',
        },
      },
      elsewhere: { 'catalog-info.yaml': 'kind: Component' },
    }),
  );

  function setup(catalogInfoPath: string, enabled = true) {
    const catalog = catalogServiceMock.mock();
    const action = createCamundaCatalogRegisterLocalAction({
      config: { enabled, directory: root.resolve('repos') },
      catalog,
    });
    const ctx = createMockActionContext({ input: { catalogInfoPath } });
    return { catalog, action, ctx };
  }

  it('registers the file as a file location with the initiator credentials', async () => {
    const file = root.resolve('repos/camunda-payments/catalog-info.yaml');
    const { catalog, action, ctx } = setup(file);

    await action.handler(ctx);

    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: file },
      { credentials: mockCredentials.user() },
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/camunda-payments',
    );
  });

  it('refreshes an entity whose location exists already', async () => {
    const file = root.resolve('repos/camunda-payments/catalog-info.yaml');
    const { catalog, action, ctx } = setup(file);
    catalog.addLocation.mockRejectedValue(
      Object.assign(new ConflictError('exists'), { statusCode: 409 }),
    );

    await action.handler(ctx);

    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'component:default/camunda-payments',
      { credentials: mockCredentials.user() },
    );
  });

  it('refuses files outside the local repositories and when disabled', async () => {
    const outside = setup(root.resolve('elsewhere/catalog-info.yaml'));
    const traversal = setup(
      root.resolve('repos/../elsewhere/catalog-info.yaml'),
    );
    const disabled = setup(
      root.resolve('repos/camunda-payments/catalog-info.yaml'),
      false,
    );

    for (const { action, ctx, catalog } of [outside, traversal, disabled]) {
      await expect(action.handler(ctx)).rejects.toThrow(
        /Only files inside the enabled local repositories folder/,
      );
      expect(catalog.addLocation).not.toHaveBeenCalled();
    }
  });
});
