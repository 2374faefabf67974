import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore } from '../database/RequestStore';
import { ProvisioningDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { ProvisioningConfig } from '../config';
import { GlobalTask, scheduleGlobalTask } from '../scheduleGlobalTask';
import { workUnderLease } from '../workUnderLease';
import {
  SecretRemoval,
  SecretRemovalStore,
} from '../database/SecretRemovalStore';

const TASK_ID = 'camunda-entra-secret-removal';

type SecretRemovalWorkerOptions = GlobalTask & {
  removals: SecretRemovalStore;
  /** The owner of this instance's leases on removals. */
  instanceId: string;
  lease: Pick<ProvisioningConfig, 'leaseMs' | 'leaseRenewalMs'>;
  directory: Pick<ProvisioningDirectory, 'listSecrets' | 'removeSecret'>;
  store: RequestStore;
  logger: LoggerService;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * Removes secrets that rotations replaced once their grace period is over, in a global
 * scheduler task with a short timeout. Each removal is leased as well, so that a run that
 * outlives its timeout and the next one never work on the same secret. A secret already gone
 * (removed by hand, or its application deleted) counts as removed; a failed removal stays due
 * and is tried again once its lease expired.
 */
export class SecretRemovalWorker {
  static create(options: SecretRemovalWorkerOptions): SecretRemovalWorker {
    return new SecretRemovalWorker({
      ...options,
      now: options.now ?? Date.now,
    });
  }

  private constructor(
    private readonly options: Required<SecretRemovalWorkerOptions>,
  ) {}

  async start(): Promise<void> {
    await scheduleGlobalTask(this.options, TASK_ID, signal => this.run(signal));
  }

  /** Removes due secrets one at a time until none is left or `signal` aborts. */
  async run(signal = new AbortController().signal): Promise<void> {
    const { removals, logger, instanceId, lease } = this.options;
    const terms = { owner: instanceId, durationMs: lease.leaseMs };
    const attempted = new Set<string>();
    while (!signal.aborted) {
      const [removal] = await removals.claimDue(
        new Date(this.options.now()),
        terms,
        1,
      );
      const key = removal && `${removal.objectId}/${removal.keyId}`;
      // A removal that failed in this run, claimed again after a short lease, waits for the next.
      if (!removal || attempted.has(key)) {
        return;
      }
      attempted.add(key);
      try {
        await workUnderLease(
          {
            renew: () => removals.renewLease(removal, terms),
            everyMs: lease.leaseRenewalMs,
          },
          signal,
          () => this.remove(removal),
        );
      } catch (error) {
        const reason = stringifyError(error);
        logger.warn(
          `Could not remove secret ${removal.keyId} of application ${removal.objectId}; retrying on a later run: ${reason}`,
        );
        await removals.markFailed(removal, reason, instanceId);
      }
    }
  }

  private async remove(removal: SecretRemoval): Promise<void> {
    const { directory, removals, store, logger } = this.options;
    const { objectId, keyId } = removal;
    if (await this.exists(removal)) {
      await directory.removeSecret(objectId, keyId);
    }
    await removals.markRemoved(
      removal,
      new Date(this.options.now()),
      this.options.instanceId,
    );
    await store.addEvent(removal.requestId, {
      actor: PLUGIN_ACTOR,
      comment: `removed the replaced client secret ${keyId} after its grace period`,
    });
    logger.info(
      `Removed rotated-out secret ${keyId} of application ${objectId}`,
    );
  }

  private async exists({ objectId, keyId }: SecretRemoval): Promise<boolean> {
    try {
      const secrets = await this.options.directory.listSecrets(objectId);
      return secrets.some(secret => secret.keyId === keyId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        return false;
      }
      throw error;
    }
  }
}
