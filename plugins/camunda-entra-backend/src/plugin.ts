import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { randomUUID } from 'crypto';
import { hostname } from 'os';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { camundaEntraPermissions } from '@camunda-entra/plugin-camunda-entra-common';
import {
  camundaEntraDeploymentPermissionResourceRef,
  camundaEntraDeploymentPermissionRules,
  camundaEntraRequestPermissionResourceRef,
  camundaEntraRequestPermissionRules,
  readLocalPublishConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { readCamundaEntraBackendConfig } from './config';
import { DatabaseRequestStore } from './database/DatabaseRequestStore';
import { RequestNotifier } from './notifications/RequestNotifier';
import { DeploymentAccess } from './permissions/DeploymentAccess';
import { RequestReadAccess } from './permissions/RequestReadAccess';
import { Provisioner } from './provisioning/Provisioner';
import { Repairer } from './repair/Repairer';
import { Upgrader } from './upgrade/Upgrader';
import { RequestService } from './requests/RequestService';
import { SecretRotator } from './rotation/SecretRotator';
import { SecretRemovalStore } from './database/SecretRemovalStore';
import { SecretRemovalWorker } from './secrets/SecretRemovalWorker';
import { ProvisioningWorker } from './worker/ProvisioningWorker';
import { ExpiryNotificationLedger } from './database/ExpiryNotificationLedger';
import { SecretExpiryScanner } from './scan/SecretExpiryScanner';
import { createRouter } from './service/router';
import { AdoptionCandidates } from './adoption/AdoptionCandidates';
import { RequestOutcomes } from './metrics/RequestOutcomes';
import { observeWatchedState } from './metrics/stateGauges';
import {
  camundaEntraDirectoryServiceRef,
  camundaEntraSecretSinkServiceRef,
} from '@camunda-entra/plugin-camunda-entra-node';
import { EntityStatusService } from './status/EntityStatusService';
import { DefaultSignInVerificationService } from './verification/SignInVerificationService';
import { directoryTokenEndpoint } from './verification/directoryTokenEndpoint';
import { VerificationStore } from './database/VerificationStore';
import { FleetStatusStore } from './database/FleetStatusStore';
import { FleetStatusRefresher } from './fleet/FleetStatusRefresher';
import { FleetService } from './fleet/FleetService';

/**
 * The camunda-entra backend plugin: provisioning and rotation requests, their approval and
 * provisioning, and monitoring of the registered applications (status, expiry scan).
 *
 * @public
 */
export const camundaEntraPlugin = createBackendPlugin({
  pluginId: 'camunda-entra',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        cache: coreServices.cache,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        metrics: metricsServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        notifications: notificationService,
        directory: camundaEntraDirectoryServiceRef,
        sink: camundaEntraSecretSinkServiceRef,
      },
      async init({
        auth,
        cache,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        metrics,
        permissions,
        permissionsRegistry,
        scheduler,
        userInfo,
        notifications,
        directory,
        sink,
      }) {
        const settings = readCamundaEntraBackendConfig(config);
        permissionsRegistry.addPermissions(camundaEntraPermissions);
        const store = await DatabaseRequestStore.create({ database });
        const access = RequestReadAccess.create({
          permissions,
          permissionsRegistry,
          store,
        });
        const deployments = DeploymentAccess.create({ permissions, store });
        const removals = await SecretRemovalStore.create({ database });
        const { monitoring, provisioning } = settings;
        // Owner of this instance's leases; random, so that a restarted instance is another owner.
        const instanceId = `${hostname()}-${randomUUID()}`;
        const notifier = RequestNotifier.create({
          notifications,
          approvers: settings.approval.approvers,
          logger,
        });
        const outcomes = RequestOutcomes.create(metrics);
        const verificationStore = await VerificationStore.create({ database });
        const verifications = DefaultSignInVerificationService.create({
          catalog,
          permissions,
          store,
          verifications: verificationStore,
          directory,
          sink,
          tokens: directoryTokenEndpoint(config),
          notifier,
          logger,
          portalTenantId: directory.tenant?.id,
        });
        const fleet = await FleetStatusStore.create({ database });
        observeWatchedState({ metrics, state: fleet, logger });
        const fleetRefresher = FleetStatusRefresher.create({
          scheduler,
          schedule: monitoring.fleetRefreshSchedule,
          store,
          directory,
          fleet,
          thresholds: monitoring.secretExpiry,
          logger,
        });
        const upgrader = Upgrader.create({
          directory,
          sink,
          store,
          publish: readLocalPublishConfig(config),
        });
        const worker = ProvisioningWorker.create({
          instanceId,
          settings: provisioning,
          store,
          provisioner: Provisioner.create({
            directory,
            sink,
            store,
            removals,
            gracePeriodMs: monitoring.rotationGracePeriodMs,
          }),
          rotator: SecretRotator.create({
            directory,
            sink,
            store,
            removals,
            gracePeriodMs: monitoring.rotationGracePeriodMs,
          }),
          repairer: Repairer.create({ directory, store }),
          upgrader,
          notifier,
          outcomes,
          verifier: verifications,
          onSettled: settled => fleetRefresher.refreshDeploymentOf(settled),
          logger,
        });
        const removalWorker = SecretRemovalWorker.create({
          scheduler,
          schedule: monitoring.cleanupSchedule,
          removals,
          instanceId,
          lease: provisioning,
          directory,
          store,
          logger,
        });
        // Policies' conditions on requests are evaluated here, for other plugins too.
        permissionsRegistry.addResourceType({
          resourceRef: camundaEntraRequestPermissionResourceRef,
          rules: Object.values(camundaEntraRequestPermissionRules),
          getResources: async ids =>
            access.resourcesOf(await Promise.all(ids.map(id => store.get(id)))),
        });
        // Status and rotation are decided by the recorded owner, here, for other plugins too.
        permissionsRegistry.addResourceType({
          resourceRef: camundaEntraDeploymentPermissionResourceRef,
          rules: Object.values(camundaEntraDeploymentPermissionRules),
          getResources: entityRefs => deployments.resourcesOf(entityRefs),
        });
        const requests = RequestService.create({
          store,
          sink,
          notifier,
          outcomes,
          permissions,
          access,
          deployments,
          userInfo,
          auth,
          catalog,
          directory,
          upgrader,
          approval: settings.approval,
          onApproved: () => worker.trigger(),
          defaultTenant: directory.tenant,
        });
        const scanner = SecretExpiryScanner.create({
          scheduler,
          schedule: monitoring.scanSchedule,
          directory,
          catalog,
          auth,
          notifications,
          store,
          sink,
          ledger: await ExpiryNotificationLedger.create({ database }),
          thresholds: monitoring.secretExpiry,
          rotation: monitoring.rotationMaxAgeDays
            ? { maxAgeDays: monitoring.rotationMaxAgeDays, requests }
            : undefined,
          logger,
        });

        const status = EntityStatusService.create({
          catalog,
          permissions,
          directory,
          store,
          sink,
          cache,
          verifications: verificationStore,
          monitoring,
          fleet,
          portalTenantId: directory.tenant?.id,
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            requests,
            status,
            verifications,
            adoption: AdoptionCandidates.create({ directory, store }),
            fleet: FleetService.create({
              fleet,
              permissions,
              userInfo,
              thresholds: monitoring.secretExpiry,
            }),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        worker.start();
        lifecycle.addShutdownHook(() => worker.stop());
        await removalWorker.start();
        await scanner.start();
        await fleetRefresher.start();
      },
    });
  },
});
