import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Registers the camunda:* scaffolder actions.
 *
 * @public
 */
export const scaffolderModuleCamundaEntra = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'camunda-entra',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder }) {
        scaffolder.addActions();
      },
    });
  },
});
