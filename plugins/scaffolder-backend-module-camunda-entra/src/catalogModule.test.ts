import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleCamundaEntraLocalRepositories } from './catalogModule';

describe('catalogModuleCamundaEntraLocalRepositories', () => {
  async function start(enabled: boolean | undefined) {
    const locations = { setAllowedLocationTypes: jest.fn() };
    await startTestBackend({
      extensionPoints: [[catalogLocationsExtensionPoint, locations]],
      features: [
        catalogModuleCamundaEntraLocalRepositories,
        mockServices.rootConfig.factory({
          data:
            enabled === undefined
              ? {}
              : { camundaEntra: { publish: { local: { enabled } } } },
        }),
      ],
    });
    return locations;
  }

  it('allows file locations when local publishing is enabled', async () => {
    const locations = await start(true);

    expect(locations.setAllowedLocationTypes).toHaveBeenCalledWith([
      'url',
      'file',
    ]);
  });

  it.each([false, undefined])(
    'leaves the catalog default when enabled is %s',
    async enabled => {
      const locations = await start(enabled);

      expect(locations.setAllowedLocationTypes).not.toHaveBeenCalled();
    },
  );
});
