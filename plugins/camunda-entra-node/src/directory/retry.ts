import { AsyncLocalStorage } from 'async_hooks';
import { GraphFailure } from './errors';

/**
 * Capped exponential backoff for transient Graph failures.
 *
 * @public
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Backoff of the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Cap of the computed backoff (a server's Retry-After is honoured as given). */
  maxDelayMs: number;
}

/** Seven attempts over about a minute: enough for Entra's replication and most throttling. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
};

/**
 * How to wait for an object Entra has just created to replicate: short polls, growing to a
 * cap, for a bounded time. Unlike throttling there is no server hint and nothing to back off
 * from; the sooner a poll sees the object, the sooner the chain goes on.
 */
export interface ReplicationPolicy {
  /** Delay of the first poll; doubles per poll. */
  firstPollMs: number;
  /** Cap of the delay between polls. */
  maxPollMs: number;
  /** Give up (the last failure stands) after waiting this long in total. */
  timeoutMs: number;
}

/** Entra usually replicates within a few seconds; a minute covers its slow days. */
export const DEFAULT_REPLICATION_POLICY: ReplicationPolicy = {
  firstPollMs: 100,
  maxPollMs: 400,
  timeoutMs: 60_000,
};

/**
 * The replication waiter's polls: one list read for every object pending, which spends no write
 * budget (a write's own polls do), so closer together: the chain goes on at most 200 ms after
 * the object replicated rather than 400 ms.
 */
export const VISIBILITY_POLL_POLICY: ReplicationPolicy = {
  ...DEFAULT_REPLICATION_POLICY,
  maxPollMs: 200,
};

/** Delay before replication poll number `poll` (0-based). */
export function replicationPollMs(
  policy: ReplicationPolicy,
  poll: number,
): number {
  return Math.min(policy.maxPollMs, policy.firstPollMs * 2 ** poll);
}

/**
 * What a failed call is: `throttled` (429, 503, 504, concurrent writes: back off, honouring
 * Retry-After), `replicating` (the caller's object is not visible yet: poll shortly) or
 * `permanent` (fail at once). Only the caller knows whether a 404 means "not yet".
 */
export type FailureKind = 'throttled' | 'replicating' | 'permanent';

export function classifyFailure(
  failure: GraphFailure,
  notYetReplicated?: (failure: GraphFailure) => boolean,
): FailureKind {
  if (
    [429, 503, 504].includes(failure.statusCode) ||
    (failure.statusCode === 409 &&
      failure.code === 'Directory_ConcurrencyViolation')
  ) {
    return 'throttled';
  }
  return notYetReplicated?.(failure) ? 'replicating' : 'permanent';
}

/**
 * Whether Graph may have applied a call it answered with this failure: a 5xx can come after
 * the write (throttling and concurrency errors come before it).
 */
export function mayHaveBeenApplied(failure: GraphFailure): boolean {
  return failure.statusCode >= 500;
}

/**
 * Delay before retry number `retry` (0-based): the server's Retry-After when given, else
 * "equal jitter" backoff, half fixed and half random so that parallel callers spread out.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) {
    return retryAfterMs;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Retry-After in ms: delta-seconds or an HTTP date, as RFC 9110 allows. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
) {
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const abortScope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `fn` so that every Graph call it makes, however deep, stops retrying and fails with the
 * signal's reason once `signal` aborts: a caller that lost its claim on some work must not go
 * on changing the directory in a retry minutes later.
 *
 * @public
 */
export function withAbortSignal<T>(signal: AbortSignal, fn: () => T): T {
  return abortScope.run(signal, fn);
}

/** Runs `fn` outside any {@link withAbortSignal}: for work shared by several callers. */
export function outsideAbortScope<T>(fn: () => T): T {
  return abortScope.exit(fn);
}

/** The signal of the innermost {@link withAbortSignal}, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return abortScope.getStore();
}

/**
 * Waits `ms` (with `sleep` when given, e.g. a test's fake), but rejects with the signal's reason
 * as soon as it aborts.
 */
export async function sleepUnlessAborted(
  ms: number,
  signal: AbortSignal | undefined,
  sleep?: (ms: number) => Promise<void>,
): Promise<void> {
  signal?.throwIfAborted();
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  try {
    await Promise.race([
      sleep
        ? sleep(ms)
        : new Promise<void>(resolve => {
            timer = setTimeout(resolve, ms);
          }),
      new Promise<never>((_, reject) => {
        onAbort = () => reject(signal!.reason);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
