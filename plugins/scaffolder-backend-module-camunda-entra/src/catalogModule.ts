import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';
import { readLocalPublishConfig } from './config';

/**
 * Lets the catalog accept `file` locations, which camunda:catalog:register-local registers,
 * when local publishing is enabled. Anyone allowed to register locations can then point the
 * catalog at files on the portal host, which is why it stays off unless configured.
 *
 * @public
 */
export const catalogModuleCamundaEntraLocalRepositories = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'camunda-entra-local-repositories',
  register(env) {
    env.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ locations, config }) {
        if (readLocalPublishConfig(config).enabled) {
          locations.setAllowedLocationTypes(['url', 'file']);
        }
      },
    });
  },
});
