import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { PLUGIN_ACTOR } from '../actors';
import { ProvisioningConfig } from '../config';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { RequestOutcomes } from '../metrics/RequestOutcomes';
import { Provisioner } from '../provisioning/Provisioner';
import { Repairer } from '../repair/Repairer';
import { transferOwnership } from '../transfer/transferOwnership';
import { recordAdoption } from '../adoption/recordAdoption';
import { Upgrader } from '../upgrade/Upgrader';
import { SecretRotator } from '../rotation/SecretRotator';
import type { SignInVerificationService } from '../verification/SignInVerificationService';
import { RequestWork, workUnderLease } from '../workUnderLease';

type ProvisioningWorkerOptions = {
  store: RequestStore;
  provisioner: Provisioner;
  rotator: SecretRotator;
  repairer: Repairer;
  upgrader: Upgrader;
  notifier: RequestNotifier;
  /** Counts the requests that settle here (provisioned or failed). */
  outcomes?: RequestOutcomes;
  /** Called once a request is provisioned (and verified), e.g. to refresh the fleet view's cache. */
  onSettled?: (request: StoredRequest) => Promise<void>;
  /** Verifies each deployment once its request is provisioned; unset, nothing is verified. */
  verifier?: Pick<SignInVerificationService, 'verifyProvisioned'>;
  logger: LoggerService;
  /** This backend instance's random ID, the owner of its leases. */
  instanceId: string;
  settings: ProvisioningConfig;
  /** How long stop() waits for aborted work to end before leaving its leases to expire. */
  stopGraceMs?: number;
};

/**
 * Provisions approved requests (registrations through the provisioner, rotations through the
 * rotator, repairs through the repairer, upgrades' apply step through the upgrader, adoptions
 * and transfers in the store) on every backend instance. Each request is claimed with a lease that is renewed while
 * the work runs, so instances work on different requests at once, a few each, and a request
 * whose instance died is taken over once its lease expires and resumed from its recorded steps.
 * Losing the lease, or stopping, aborts the work; every step it records checks the lease.
 */
export class ProvisioningWorker {
  static create(options: ProvisioningWorkerOptions): ProvisioningWorker {
    return new ProvisioningWorker({ stopGraceMs: 5_000, ...options });
  }

  private readonly stopping = new AbortController();
  private readonly active = new Map<string, Promise<void>>();
  /** Set by wake(), so that a wake-up during a claim is not lost. */
  private woken = false;
  private endSleep: () => void = () => {};
  private loop?: Promise<void>;

  private constructor(
    private readonly options: ProvisioningWorkerOptions & {
      stopGraceMs: number;
    },
  ) {}

  start(): void {
    this.loop ??= this.poll();
  }

  /** Aborts the work under way and waits a few seconds for it to end. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('The backend is stopping'));
    this.wake();
    const ended = Promise.all([this.loop, ...this.active.values()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      ended,
      new Promise(resolve => {
        timer = setTimeout(resolve, this.options.stopGraceMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** Looks for work now instead of at the next poll. */
  trigger(): void {
    this.wake();
  }

  /** Claims and works on requests until none is free; for tests and one-off runs. */
  async runUntilIdle(): Promise<void> {
    while ((await this.claim()) > 0 || this.active.size > 0) {
      await Promise.race(this.active.values());
    }
  }

  private wake(): void {
    this.woken = true;
    this.endSleep();
  }

  private async poll(): Promise<void> {
    const { settings } = this.options;
    while (!this.stopping.signal.aborted) {
      this.woken = false;
      await this.claim();
      if (this.woken) {
        continue;
      }
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, settings.pollIntervalMs);
        this.endSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Claims as many requests as there are free slots and starts them; returns how many. */
  private async claim(): Promise<number> {
    const { store, logger, settings, instanceId } = this.options;
    const free = settings.concurrency - this.active.size;
    if (free < 1 || this.stopping.signal.aborted) {
      return 0;
    }
    let ids: string[];
    try {
      ids = await store.claimWork(this.terms(), free);
    } catch (error) {
      logger.error(
        `Could not look for requests to provision: ${stringifyError(error)}`,
      );
      return 0;
    }
    for (const id of ids) {
      const work = this.work(id)
        .catch(error =>
          // e.g. the database went away; the lease expires and the request is taken up again
          logger.error(`Could not provision request ${id}`, error),
        )
        .finally(() => {
          this.active.delete(id);
          // A free slot: look for more work at once.
          this.wake();
        });
      this.active.set(id, work);
    }
    if (ids.length > 0) {
      logger.debug(`Instance ${instanceId} claimed ${ids.join(', ')}`);
    }
    return ids.length;
  }

  private async work(id: string): Promise<void> {
    const { store, settings, instanceId } = this.options;
    try {
      await workUnderLease(
        {
          renew: () => store.renewLease(id, this.terms()),
          everyMs: settings.leaseRenewalMs,
        },
        this.stopping.signal,
        signal => this.provision(id, { signal, leaseOwner: instanceId }),
      );
    } finally {
      await store.releaseLease(id, instanceId);
    }
  }

  private terms() {
    return {
      owner: this.options.instanceId,
      durationMs: this.options.settings.leaseMs,
    };
  }

  private carryOut(request: StoredRequest, work: RequestWork) {
    const { provisioner, rotator, repairer } = this.options;
    switch (request.kind) {
      case 'rotate':
        return rotator.rotate(request, work);
      case 'repair':
        return repairer.repair(request, work);
      case 'transfer':
        return transferOwnership(this.options.store, request, work);
      case 'adopt':
        return recordAdoption(this.options.store, request, work);
      case 'upgrade':
        return this.options.upgrader.apply(request, work);
      default:
        return provisioner.provision(request, work);
    }
  }

  private async provision(id: string, work: RequestWork): Promise<void> {
    const { store, notifier, logger } = this.options;
    const { signal, leaseOwner } = work;
    let request = await store.get(id);
    if (
      !request ||
      (request.state !== 'approved' && request.state !== 'provisioning')
    ) {
      return;
    }
    try {
      if (request.state === 'approved') {
        request = await store.transition(id, {
          from: ['approved'],
          to: 'provisioning',
          actor: PLUGIN_ACTOR,
          comment: 'provisioning started',
          leaseOwner,
        });
      } else {
        // Only a request whose lease expired or was released mid-way is claimed in this state.
        await store.addEvent(id, {
          actor: PLUGIN_ACTOR,
          comment: 'resuming interrupted provisioning',
        });
      }
      logger.info(`Provisioning request ${id}`);
      const provisioned = await this.carryOut(request, work);
      logger.info(`Provisioned request ${id}`);
      this.options.outcomes?.settled(provisioned);
      await notifier.provisioned(provisioned);
      // Recorded and notified on its own; a failure leaves the request provisioned. An
      // adoption delivered no secret to verify with.
      if (provisioned.kind !== 'adopt') {
        await this.options.verifier?.verifyProvisioned(provisioned);
      }
      await this.options.onSettled?.(provisioned);
    } catch (error) {
      if (signal?.aborted) {
        logger.warn(
          `Provisioning request ${id} interrupted (${stringifyError(
            signal.reason,
          )}); it resumes later`,
        );
        return;
      }
      const reason = failureReason(error);
      logger.error(`Provisioning request ${id} failed: ${reason}`);
      const failed = await store.transition(id, {
        from: ['provisioning'],
        to: 'failed',
        actor: PLUGIN_ACTOR,
        failureReason: reason,
        leaseOwner,
      });
      this.options.outcomes?.settled(failed);
      await notifier.failed(failed);
    }
  }
}

function failureReason(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
