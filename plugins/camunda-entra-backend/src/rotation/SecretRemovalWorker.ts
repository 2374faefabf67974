import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore } from '../database';
import { ProvisioningDirectory } from '../provisioning';
import { GlobalTask, scheduleGlobalTask } from '../scheduleGlobalTask';
import { SecretRemoval, SecretRemovalStore } from './SecretRemovalStore';

const TASK_ID = 'camunda-entra-secret-removal';

type SecretRemovalWorkerOptions = GlobalTask & {
  removals: SecretRemovalStore;
  directory: Pick<ProvisioningDirectory, 'listSecrets' | 'removeSecret'>;
  store: RequestStore;
  logger: LoggerService;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * Removes secrets that rotations replaced once their grace period is over, in a global
 * scheduler task. A secret already gone (removed by hand, or its application deleted)
 * counts as removed; a failed removal stays due for the next run.
 *
 * @public
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
    await scheduleGlobalTask(this.options, TASK_ID, () => this.run());
  }

  async run(): Promise<void> {
    const { removals, logger } = this.options;
    for (const removal of await removals.due(new Date(this.options.now()))) {
      try {
        await this.remove(removal);
      } catch (error) {
        const reason = stringifyError(error);
        logger.warn(
          `Could not remove secret ${removal.keyId} of application ${removal.objectId}; retrying on the next run: ${reason}`,
        );
        await removals.markFailed(removal, reason);
      }
    }
  }

  private async remove(removal: SecretRemoval): Promise<void> {
    const { directory, removals, store, logger } = this.options;
    const { objectId, keyId } = removal;
    if (await this.exists(removal)) {
      await directory.removeSecret(objectId, keyId);
    }
    await removals.markRemoved(removal, new Date(this.options.now()));
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
