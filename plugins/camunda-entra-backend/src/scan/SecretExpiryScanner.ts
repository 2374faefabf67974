import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CAMUNDA_ENTRA_ANNOTATIONS } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';
import { SecretExpiryThresholds } from '../config';
import { RequestStore } from '../database/RequestStore';
import { GlobalTask, scheduleGlobalTask } from '../scheduleGlobalTask';
import { SecretSink } from '@camunda-entra/plugin-camunda-entra-node';
import {
  DeploymentEntity,
  readDeploymentEntity,
} from '../catalog/deploymentEntity';
import { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { secretExpiry } from '../status/secretExpiry';
import { secretLocator } from '../registrations/secretLocator';
import { ExpiryNotificationLedger } from '../database/ExpiryNotificationLedger';
import { expiryNotification } from './expiryNotification';
import { ConflictError } from '@backstage/errors';
import type { RequestService } from '../requests/RequestService';
import { agedClients } from './agedClients';

const TASK_ID = 'camunda-entra-secret-expiry-scan';

type SecretExpiryScannerOptions = GlobalTask & {
  directory: MonitoringDirectory;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  /** The registrations, whose sink target says where each secret is kept. */
  store: RequestStore;
  sink: SecretSink;
  ledger: ExpiryNotificationLedger;
  thresholds: SecretExpiryThresholds;
  /** Rotation by age (camundaEntra.monitoring.rotation.maxAgeDays); unset, none. */
  rotation?: {
    maxAgeDays: number;
    requests: Pick<RequestService, 'createAgedRotation'>;
  };
  logger: LoggerService;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * Scans every application of the product (listed by tag, in pages, and the adopted ones by
 * their recorded client IDs) and notifies the recorded
 * owner of each deployment (found through its catalog entity) when one of its client secrets
 * crosses a threshold: once
 * per secret and threshold, whatever the number of runs, restarts and replicas. Runs as a
 * global scheduler task, so one instance scans at a time.
 */
export class SecretExpiryScanner {
  static create(options: SecretExpiryScannerOptions): SecretExpiryScanner {
    return new SecretExpiryScanner({
      ...options,
      now: options.now ?? Date.now,
    });
  }

  private constructor(
    private readonly options: SecretExpiryScannerOptions & {
      now: () => number;
    },
  ) {}

  async start(): Promise<void> {
    await scheduleGlobalTask(this.options, TASK_ID, () => this.run());
  }

  async run(): Promise<void> {
    const { ledger, logger } = this.options;
    const [applications, deployments] = await Promise.all([
      this.applications(),
      this.deployments(),
    ]);
    const now = this.options.now();
    const unowned: string[] = [];
    let sent = 0;
    for (const application of applications) {
      const deployment = deployments.find(application);
      if (!deployment?.owner) {
        unowned.push(application.displayName);
        continue;
      }
      const location = () => this.locate(deployment, application);
      for (const secret of application.passwordCredentials) {
        if (
          secret.endDateTime &&
          (await this.notifyIfCrossed(
            application,
            { ...secret, endDateTime: secret.endDateTime },
            {
              entityRef: deployment.entityRef,
              owner: deployment.owner,
              location,
            },
            now,
          ))
        ) {
          sent += 1;
        }
      }
    }
    await ledger.prune(
      new Set(
        applications.flatMap(app => app.passwordCredentials.map(c => c.keyId)),
      ),
    );
    logger.info(
      `Secret expiry scan: ${applications.length} applications, ${sent} notifications sent`,
    );
    if (unowned.length > 0) {
      logger.info(
        `No catalog entity with an owner for ${
          unowned.length
        } applications, not notified: ${unowned.join(', ')}`,
      );
    }
    await this.rotateAged(applications, deployments.find, now);
  }

  /** Asks for a rotation of each client whose newest secret is too old, unless one is open. */
  private async rotateAged(
    applications: EntraApplicationInfo[],
    deploymentOf: Parameters<typeof agedClients>[1],
    now: number,
  ): Promise<void> {
    const { rotation, logger } = this.options;
    if (!rotation) {
      return;
    }
    const { maxAgeDays, requests } = rotation;
    const clients = agedClients(applications, deploymentOf, now, maxAgeDays);
    for (const aged of clients) {
      const what = `the ${aged.client} secret of ${aged.entity.entityRef} (${aged.ageDays} days old)`;
      try {
        const request = await requests.createAgedRotation({
          ...aged,
          maxAgeDays,
        });
        logger.info(`Asked for a rotation of ${what}: request ${request.id}`);
      } catch (error) {
        // A rotation already open for the client is the usual reason.
        const log = error instanceof ConflictError ? logger.debug : logger.warn;
        log.call(logger, `No rotation asked for ${what}: ${error}`);
      }
    }
  }

  private async notifyIfCrossed(
    application: EntraApplicationInfo,
    secret: EntraApplicationInfo['passwordCredentials'][number] & {
      endDateTime: string;
    },
    deployment: {
      entityRef: string;
      owner: string;
      location: () => Promise<string | undefined>;
    },
    now: number,
  ): Promise<boolean> {
    const { ledger, notifications, logger, thresholds } = this.options;
    const expiry = secretExpiry(secret.endDateTime, now, thresholds);
    if (expiry.status === 'ok') {
      return false;
    }
    const threshold = expiry.status;
    const claimed = await ledger.claim({
      keyId: secret.keyId,
      appId: application.appId,
      threshold,
    });
    if (!claimed) {
      return false;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: deployment.owner },
        payload: expiryNotification({
          application,
          secret,
          expiry: { daysLeft: expiry.daysLeft, status: threshold },
          entityRef: deployment.entityRef,
          location: await deployment.location(),
        }),
      });
      return true;
    } catch (error) {
      await ledger.release(secret.keyId, threshold);
      logger.warn(
        `Could not notify ${deployment.owner} about secret ${secret.keyId} of ${application.displayName}; the next scan tries again: ${error}`,
      );
      return false;
    }
  }

  /**
   * The product's applications, found by tag, and the adopted deployments' applications, which
   * carry no tag: found by the client IDs their registrations recorded.
   */
  private async applications(): Promise<EntraApplicationInfo[]> {
    const { directory, store } = this.options;
    const [tagged, adoptions] = await Promise.all([
      // Pages of 999 with only what the scan reads: 6,000 applications in 7 requests.
      directory.listApplications({ only: 'secrets' }),
      store.list({ kind: 'adopt', state: 'provisioned' }),
    ]);
    const listed = new Set(tagged.map(app => app.appId.toLowerCase()));
    const untagged = [
      ...new Set(
        adoptions.flatMap(adoption =>
          Object.values(adoption.clients).map(id => id.toLowerCase()),
        ),
      ),
    ].filter(appId => !listed.has(appId));
    if (untagged.length === 0) {
      return tagged;
    }
    const { applications } = await directory.getApplicationsByAppId(untagged);
    return [...tagged, ...applications];
  }

  /**
   * Where the sink keeps the application's secret, when this portal provisioned it. Unknown
   * when the registration's stored spec no longer validates: the expiry is announced anyway.
   */
  private async locate(
    deployment: DeploymentEntity,
    application: EntraApplicationInfo,
  ): Promise<string | undefined> {
    const client = deployment.clients.find(
      c => c.appId.toLowerCase() === application.appId.toLowerCase(),
    )?.client;
    const registration =
      client &&
      (await this.options.store.findProvisioned({
        name: deployment.deployment,
        tenantId: deployment.tenantId,
      }));
    return registration && !registration.specProblems
      ? secretLocator(this.options.sink, registration)(client)
      : undefined;
  }

  /** The deployments in the catalog, found by application ID or else deployment name. */
  private async deployments() {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${CAMUNDA_ENTRA_ANNOTATIONS.deployment}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const byAppId = new Map<string, DeploymentEntity>();
    const byName = new Map<string, DeploymentEntity>();
    for (const entity of items) {
      const read = readDeploymentEntity(entity);
      if (!read) {
        continue;
      }
      // Notified is the owner this portal recorded, never the one whoever registered the
      // entity wrote into it.
      const record = await this.options.store.getDeploymentOfEntity(
        read.entityRef,
      );
      const deployment = {
        ...read,
        owner:
          record?.deployment === read.deployment ? record.owner : undefined,
      };
      byName.set(deployment.deployment, deployment);
      for (const { appId } of deployment.clients) {
        byAppId.set(appId.toLowerCase(), deployment);
      }
    }
    return {
      find: (application: EntraApplicationInfo) =>
        byAppId.get(application.appId.toLowerCase()) ??
        (application.deployment
          ? byName.get(application.deployment)
          : undefined),
    };
  }
}
