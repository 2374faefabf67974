import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { camundaEntraPermissions } from '@camunda-entra/plugin-camunda-entra-common';
import { readCamundaEntraBackendConfig } from './config';
import { DatabaseRequestStore } from './database';
import { RequestNotifier } from './notifications';
import { Provisioner, ProvisioningWorker } from './provisioning';
import { RequestService } from './requests';
import { createRouter } from './service/router';
import {
  camundaEntraDirectoryServiceRef,
  camundaEntraSecretSinkServiceRef,
} from './services';

/**
 * The camunda-entra backend plugin: provisioning requests, their approval and provisioning.
 *
 * @public
 */
export const camundaEntraPlugin = createBackendPlugin({
  pluginId: 'camunda-entra',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        directory: camundaEntraDirectoryServiceRef,
        sink: camundaEntraSecretSinkServiceRef,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        notifications,
        directory,
        sink,
      }) {
        const settings = readCamundaEntraBackendConfig(config);
        permissionsRegistry.addPermissions(camundaEntraPermissions);

        const store = await DatabaseRequestStore.create({ database });
        const notifier = RequestNotifier.create({
          notifications,
          approvers: settings.approval.approvers,
          logger,
        });
        const worker = ProvisioningWorker.create({
          scheduler,
          schedule: settings.provisioningSchedule,
          store,
          provisioner: Provisioner.create({ directory, sink, store }),
          notifier,
          logger,
        });
        const requests = RequestService.create({
          store,
          sink,
          notifier,
          permissions,
          approval: settings.approval,
          onApproved: () => worker.trigger(),
          defaultTenant: directory.tenant,
        });

        httpRouter.use(await createRouter({ httpAuth, requests }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        await worker.start();
      },
    });
  },
});
