import { LoggerService } from '@backstage/backend-plugin-api';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore } from '../database';
import { RequestNotifier } from '../notifications';
import type { SecretRotator } from '../rotation/SecretRotator';
import { GlobalTask, scheduleGlobalTask } from '../scheduleGlobalTask';
import { Provisioner } from './Provisioner';

const TASK_ID = 'camunda-entra-provisioning';

type ProvisioningWorkerOptions = GlobalTask & {
  store: RequestStore;
  provisioner: Provisioner;
  rotator: SecretRotator;
  notifier: RequestNotifier;
  logger: LoggerService;
};

/**
 * Provisions approved requests (registrations through the provisioner, secret rotations
 * through the rotator) in a global scheduler task, so that across backend instances one run
 * at a time touches the directory. Because runs never overlap, a request still in
 * `provisioning` when a run starts was interrupted (crash, restart, timeout) and is resumed.
 *
 * @public
 */
export class ProvisioningWorker {
  static create(options: ProvisioningWorkerOptions): ProvisioningWorker {
    return new ProvisioningWorker(options);
  }

  private constructor(private readonly options: ProvisioningWorkerOptions) {}

  async start(): Promise<void> {
    await scheduleGlobalTask(this.options, TASK_ID, signal => this.run(signal));
  }

  /** Starts a run now instead of at the next scheduled time. */
  trigger(): void {
    this.options.scheduler.triggerTask(TASK_ID).catch(error => {
      // A run in progress picks the request up before it ends.
      this.options.logger.debug(`Provisioning not triggered: ${error}`);
    });
  }

  async run(signal?: AbortSignal): Promise<void> {
    const { store } = this.options;
    const attempted = new Set<string>();
    // Requests approved while this run works are picked up before it ends.
    for (;;) {
      const ids = (await store.listIds(['approved', 'provisioning'])).filter(
        id => !attempted.has(id),
      );
      if (ids.length === 0 || signal?.aborted) {
        return;
      }
      for (const id of ids) {
        attempted.add(id);
        await this.provision(id, signal).catch(error =>
          // e.g. the database went away; the request stays where it is for the next run
          this.options.logger.error(`Could not provision request ${id}`, error),
        );
        if (signal?.aborted) {
          return;
        }
      }
    }
  }

  private async provision(id: string, signal?: AbortSignal): Promise<void> {
    const { store, provisioner, rotator, notifier, logger } = this.options;
    let request = await store.get(id);
    if (!request) {
      return;
    }
    try {
      if (request.state === 'approved') {
        request = await store.transition(id, {
          from: ['approved'],
          to: 'provisioning',
          actor: PLUGIN_ACTOR,
          comment: 'provisioning started',
        });
      } else {
        await store.addEvent(id, {
          actor: PLUGIN_ACTOR,
          comment: 'resuming interrupted provisioning',
        });
      }
      logger.info(`Provisioning request ${id}`);
      const provisioned =
        request.kind === 'rotate'
          ? await rotator.rotate(request, signal)
          : await provisioner.provision(request, signal);
      logger.info(`Provisioned request ${id}`);
      await notifier.provisioned(provisioned);
    } catch (error) {
      if (signal?.aborted) {
        logger.warn(`Provisioning request ${id} interrupted; it resumes later`);
        return;
      }
      const reason = failureReason(error);
      logger.error(`Provisioning request ${id} failed: ${reason}`);
      const failed = await store.transition(id, {
        from: ['provisioning'],
        to: 'failed',
        actor: PLUGIN_ACTOR,
        failureReason: reason,
      });
      await notifier.failed(failed);
    }
  }
}

function failureReason(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
