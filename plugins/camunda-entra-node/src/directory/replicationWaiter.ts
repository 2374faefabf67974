import { LoggerService } from '@backstage/backend-plugin-api';
import {
  currentAbortSignal,
  outsideAbortScope,
  ReplicationPolicy,
  replicationPollMs,
  sleepUnlessAborted,
} from './retry';

/** Collections whose new objects registration waits for. */
export type ReplicatingCollection = 'applications' | 'servicePrincipals';

/** Which of `ids` a list read of `collection` sees (one or a few batched requests). */
export type VisibilityProbe = (
  collection: ReplicatingCollection,
  ids: string[],
) => Promise<Set<string>>;

interface Waiter {
  createdAt: number;
  resolve: () => void;
}

/**
 * Waits for objects just created to replicate, with one list read per poll for everything
 * pending in a collection, so six applications created together cost one request per poll,
 * not six. The first poll of a wait comes after the delay observed last time (most of the
 * delay is the directory's, the same for every object), later ones shortly after another.
 * A wait that times out, or a probe that fails, lets the caller go on: its own call then
 * polls (GraphApi's `notYetReplicated`).
 */
export class ReplicationWaiter {
  private readonly pending = new Map<
    ReplicatingCollection,
    Map<string, Waiter>
  >();
  private estimateMs = 0;

  constructor(
    private readonly probe: VisibilityProbe,
    private readonly policy: ReplicationPolicy,
    private readonly options: {
      logger?: LoggerService;
      sleep?: (ms: number) => Promise<void>;
      now?: () => number;
    } = {},
  ) {}

  /** Resolves once `id`, created at `createdAt`, is visible; rejects only on abort. */
  async visible(
    collection: ReplicatingCollection,
    id: string,
    createdAt = this.now(),
  ): Promise<void> {
    const signal = currentAbortSignal();
    signal?.throwIfAborted();
    let waiters = this.pending.get(collection);
    const idle = !waiters;
    waiters ??= new Map();
    this.pending.set(collection, waiters);
    const seen = new Promise<void>(resolve =>
      waiters!.set(id, { createdAt, resolve }),
    );
    if (idle) {
      const started = waiters;
      // Shared by every caller, so no caller's abort may end it.
      outsideAbortScope(() => this.poll(collection, started));
    }
    try {
      // "Sleeps" until seen; an abort ends this caller's wait, not the others'.
      await sleepUnlessAborted(0, signal, () => seen);
    } finally {
      waiters.delete(id);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return sleepUnlessAborted(ms, undefined, this.options.sleep);
  }

  private async poll(
    collection: ReplicatingCollection,
    waiters: Map<string, Waiter>,
  ): Promise<void> {
    let previousPoll = this.now();
    for (let round = 0; waiters.size > 0; round++) {
      const oldest = Math.min(...[...waiters.values()].map(w => w.createdAt));
      await this.sleep(
        round === 0
          ? Math.max(
              this.policy.firstPollMs,
              this.estimateMs - (this.now() - oldest),
            )
          : replicationPollMs(this.policy, round - 1),
      );
      let seen: Set<string>;
      try {
        seen = await this.probe(collection, [...waiters.keys()]);
      } catch (error) {
        this.options.logger?.warn(
          `Could not poll ${collection} for replication, continuing: ${error}`,
        );
        seen = new Set(waiters.keys());
      }
      const now = this.now();
      for (const [id, waiter] of [...waiters]) {
        if (seen.has(id)) {
          // It replicated between the previous poll and this one: aim for the middle.
          this.estimateMs =
            (Math.max(previousPoll, waiter.createdAt) + now) / 2 -
            waiter.createdAt;
        }
        if (seen.has(id) || now - waiter.createdAt >= this.policy.timeoutMs) {
          waiters.delete(id);
          waiter.resolve();
        }
      }
      previousPoll = now;
    }
    this.pending.delete(collection);
  }
}
