import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCamundaEntraClient } from '@camunda-entra/plugin-camunda-entra-common';
import {
  createCamundaCatalogRegisterLocalAction,
  createCamundaEntraRequestAction,
  createCamundaFindApplicationsAction,
  createCamundaHelmValuesAction,
  createCamundaPublishLocalAction,
  createCamundaSpecComposeAction,
} from './actions';
import { readLocalPublishConfig, readSecretStoreConfig } from './config';

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
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, auth, discovery, catalog }) {
        const localPublish = readLocalPublishConfig(config);
        const client = createCamundaEntraClient({ discoveryApi: discovery });
        scaffolder.addActions(
          createCamundaSpecComposeAction({
            catalog,
            secretStore: readSecretStoreConfig(config),
          }),
          createCamundaEntraRequestAction({ client, auth }),
          createCamundaFindApplicationsAction({ client, auth }),
          createCamundaHelmValuesAction(),
          createCamundaPublishLocalAction({ config: localPublish }),
          createCamundaCatalogRegisterLocalAction({
            config: localPublish,
            catalog,
          }),
        );
      },
    });
  },
});
