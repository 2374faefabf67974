import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  DeploymentSpec,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { SecretExpiryThresholds } from '../config';
import { FleetStatusStore } from '../database/FleetStatusStore';
import {
  DeploymentFilter,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import { GlobalTask, scheduleGlobalTask } from '../scheduleGlobalTask';
import { deploymentComponents } from '../status/deploymentComponents';
import { fleetEntry } from '../status/fleetEntry';

const TASK_ID = 'camunda-entra-fleet-status-refresh';

/**
 * Deployments whose applications one Graph read covers: getApplicationsByAppId batches their
 * client IDs (15 per filter, 20 filters per $batch), so 50 deployments of six applications
 * are two $batch requests.
 */
const DEPLOYMENTS_PER_READ = 50;

type FleetStatusRefresherOptions = GlobalTask & {
  store: Pick<RequestStore, 'list' | 'findProvisioned'>;
  directory: MonitoringDirectory;
  fleet: Pick<FleetStatusStore, 'record'>;
  thresholds: SecretExpiryThresholds;
  logger: LoggerService;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * Fills the fleet view's status cache: every registered deployment on a schedule (a global
 * task, one instance at a time), and one deployment right after a request for it settles. The
 * status is the endpoint's computation (deploymentComponents) over the registration's recorded
 * clients, read from the directory in batches.
 */
export class FleetStatusRefresher {
  static create(options: FleetStatusRefresherOptions): FleetStatusRefresher {
    return new FleetStatusRefresher({
      ...options,
      now: options.now ?? Date.now,
    });
  }

  private constructor(
    private readonly options: Required<FleetStatusRefresherOptions>,
  ) {}

  async start(): Promise<void> {
    await scheduleGlobalTask(this.options, TASK_ID, () => this.refreshAll());
  }

  /** Checks every registered deployment. */
  async refreshAll(): Promise<void> {
    const { store } = this.options;
    // The deployments with a settled request; each one's registration is found as the status
    // endpoint finds it, whichever kinds of request register.
    const deployments = new Map<string, DeploymentFilter>();
    for (const request of await store.list({ state: 'provisioned' })) {
      const { name, tenant } = request.spec as Partial<DeploymentSpec>;
      if (name && tenant?.id) {
        deployments.set(`${tenant.id.toLowerCase()}/${name}`, {
          name,
          tenantId: tenant.id,
        });
      }
    }
    const registrations: StoredRequest[] = [];
    for (const deployment of deployments.values()) {
      const registration = await store.findProvisioned(deployment);
      if (registration && !registration.specProblems) {
        registrations.push(registration);
      }
    }
    const all = registrations;
    let failed = 0;
    for (let i = 0; i < all.length; i += DEPLOYMENTS_PER_READ) {
      failed += await this.check(all.slice(i, i + DEPLOYMENTS_PER_READ));
    }
    this.options.logger.info(
      `Fleet status refresh: ${all.length} deployments checked${
        failed ? `, ${failed} could not be read and keep their last state` : ''
      }`,
    );
  }

  /**
   * Checks the deployment of a request, e.g. once the request settled. Never throws: the
   * cache is refreshed again on schedule.
   */
  async refreshDeploymentOf(request: StoredRequest): Promise<void> {
    try {
      const spec = specOf(request);
      const registration = await this.options.store.findProvisioned({
        name: spec.name,
        tenantId: spec.tenant.id,
      });
      if (registration && !registration.specProblems) {
        await this.check([registration]);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not refresh the fleet status for request ${
          request.id
        }: ${stringifyError(error)}`,
      );
    }
  }

  /** Records the registrations, then their status from one directory read; returns how many failed. */
  private async check(registrations: StoredRequest[]): Promise<number> {
    const { directory, fleet, logger } = this.options;
    // Listed at once, `unknown` until the read below succeeds.
    for (const registration of registrations) {
      await fleet.record(fleetEntry(registration, specOf(registration)));
    }
    const clientsOf = (registration: StoredRequest) =>
      Object.entries(registration.clients).map(([client, appId]) => ({
        client,
        appId,
      }));
    let read;
    try {
      read = await directory.getApplicationsByAppId(
        registrations.flatMap(r => clientsOf(r).map(c => c.appId)),
      );
    } catch (error) {
      logger.warn(
        `Fleet status refresh could not read the applications of ${registrations
          .map(r => specOf(r).name)
          .join(', ')}: ${stringifyError(error)}`,
      );
      return registrations.length;
    }
    const now = this.options.now();
    for (const registration of registrations) {
      const spec = specOf(registration);
      const { components, health } = deploymentComponents({
        deployment: spec.name,
        cloud: spec.tenant.cloud,
        clients: clientsOf(registration),
        read,
        recorded: registration.clients,
        expected: planEntraApplications(spec),
        now,
        thresholds: this.options.thresholds,
      });
      await fleet.record(fleetEntry(registration, spec), {
        health,
        checkedAt: new Date(now).toISOString(),
        components,
      });
    }
    return 0;
  }
}
