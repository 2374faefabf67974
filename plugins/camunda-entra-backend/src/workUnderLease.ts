import { ConflictError, stringifyError } from '@backstage/errors';
import { withAbortSignal } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * How a lease on some work is kept: renewed every `everyMs`, well within its duration.
 */
export interface LeaseRenewal {
  /** Extends the lease; false when another instance has taken it. */
  renew(): Promise<boolean>;
  everyMs: number;
}

/**
 * Runs `work` while renewing its lease. The signal `work` gets aborts when `stop` does (the
 * backend shuts down) or a renewal fails: lost to another instance, or the database unreachable,
 * after which another instance may take the work over once the lease expires. Graph calls made
 * inside `work` stop retrying then too (withAbortSignal), so the work ends at its next step.
 */
export async function workUnderLease<T>(
  renewal: LeaseRenewal,
  stop: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const lost = new AbortController();
  const signal = AbortSignal.any([stop, lost.signal]);
  // One renewal at a time: a slow database must not pile them up.
  let renewing = false;
  const timer = setInterval(async () => {
    if (renewing || signal.aborted) {
      return;
    }
    renewing = true;
    try {
      if (!(await renewal.renew())) {
        lost.abort(
          new ConflictError('The lease was taken over by another instance'),
        );
      }
    } catch (error) {
      lost.abort(
        new ConflictError(
          `The lease could not be renewed: ${stringifyError(error)}`,
        ),
      );
    } finally {
      renewing = false;
    }
  }, renewal.everyMs);
  // Work that never ends after an abort (a hung call) must not keep its lease alive.
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  try {
    return await withAbortSignal(signal, () => work(signal));
  } finally {
    // A renewal still under way after this finds the lease released and changes nothing.
    clearInterval(timer);
  }
}

/**
 * The claim a worker holds on the request it hands over: the signal aborts when the lease is lost
 * or the backend stops, and every recorded step checks that `leaseOwner` still holds the lease.
 */
export interface RequestWork {
  signal?: AbortSignal;
  leaseOwner?: string;
}
