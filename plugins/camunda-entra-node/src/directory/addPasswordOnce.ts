import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError, stringifyError } from '@backstage/errors';
import { EntraGraphError, GraphFailure } from './errors';
import { GraphApi } from './graphApi';
import {
  currentAbortSignal,
  mayHaveBeenApplied,
  retryDelayMs,
  RetryPolicy,
  sleepUnlessAborted,
} from './retry';

/**
 * How far a credential's start time may be before the moment its addPassword was sent, by the
 * clock it is compared with: Graph's (its `Date` header, to the second, from a front end whose
 * clock may differ from the directory's) or, without that header, ours.
 */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What addPassword answers, secret text included. */
export interface AddedPassword {
  keyId: string;
  displayName: string;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  secretText: string;
}

/** A failure after which the credential may exist although no text came back. */
function leftOpen(error: unknown): boolean {
  return (
    (error instanceof EntraGraphError && mayHaveBeenApplied(error.failure)) ||
    // No answer at all (connection dropped, timed out): see GraphApi's send.
    error instanceof ServiceUnavailableError
  );
}

/**
 * Removes the credentials an addPassword sent at `sentAt` (performance.now()) may have
 * created: its display name, started since then. Entra never returns their text again, so
 * nobody could use them. "Since then" is measured back from Graph's clock when it answers
 * the read, so that ours being ahead of or behind Entra's changes nothing.
 */
async function removeMaybeAdded(
  api: GraphApi,
  objectId: string,
  displayName: string,
  sentAt: number,
  keep?: string,
): Promise<void> {
  const { body, date } = await api.call<{
    passwordCredentials?: Array<{
      keyId: string;
      displayName?: string | null;
      startDateTime?: string;
    }>;
  }>(
    'GET',
    `/applications/${encodeURIComponent(objectId)}?$select=passwordCredentials`,
  );
  const graphNow = Date.parse(date ?? '');
  const since =
    (Number.isFinite(graphNow) ? graphNow : Date.now()) -
    (performance.now() - sentAt) -
    CLOCK_SKEW_MS;
  const orphans = (body.passwordCredentials ?? []).filter(
    c =>
      c.keyId !== keep &&
      c.displayName === displayName &&
      Date.parse(c.startDateTime ?? '') >= since,
  );
  for (const { keyId } of orphans) {
    await removePassword(api, objectId, keyId);
  }
}

/**
 * `POST /applications/{id}/removePassword`. A credential that is gone already counts as
 * removed: a retry after a 5xx whose first attempt took effect finds nothing left.
 */
export async function removePassword(
  api: GraphApi,
  objectId: string,
  keyId: string,
): Promise<void> {
  try {
    await api.call(
      'POST',
      `/applications/${encodeURIComponent(objectId)}/removePassword`,
      { body: { keyId } },
    );
  } catch (error) {
    const gone =
      error instanceof EntraGraphError &&
      error.statusCode === 400 &&
      /no password credential/i.test(error.failure.message);
    if (!gone) {
      throw error;
    }
  }
}

/**
 * `POST /applications/{id}/addPassword`, which is not idempotent: after an answer that leaves
 * open whether Graph applied it (5xx, no answer), the credential that call may have created
 * (same display name, started since) is removed before the call is sent again, so that no
 * secret whose text nobody has stays valid. Once a later attempt succeeds, the application is
 * checked again, for a credential the first check did not see yet. Other failures, and the
 * last one once `retry` is spent, are thrown.
 */
export async function addPasswordOnce(
  api: GraphApi,
  objectId: string,
  passwordCredential: { displayName: string; endDateTime: string },
  options: {
    retry: RetryPolicy;
    notYetReplicated?: (failure: GraphFailure) => boolean;
    sleep?: (ms: number) => Promise<void>;
    logger?: LoggerService;
  },
): Promise<AddedPassword> {
  const { displayName } = passwordCredential;
  let firstLeftOpen: number | undefined;
  for (let attempt = 0; ; attempt++) {
    const sentAt = performance.now();
    try {
      const { body } = await api.call<AddedPassword>(
        'POST',
        `/applications/${encodeURIComponent(objectId)}/addPassword`,
        {
          body: { passwordCredential },
          notYetReplicated: options.notYetReplicated,
          notIdempotent: true,
        },
      );
      if (firstLeftOpen !== undefined) {
        await removeMaybeAdded(
          api,
          objectId,
          displayName,
          firstLeftOpen,
          body.keyId,
        );
      }
      return body;
    } catch (error) {
      if (!leftOpen(error)) {
        throw error;
      }
      firstLeftOpen ??= sentAt;
      await removeMaybeAdded(api, objectId, displayName, sentAt);
      if (attempt >= options.retry.maxRetries) {
        throw error;
      }
      const retryAfterMs =
        error instanceof EntraGraphError
          ? error.failure.retryAfterMs
          : undefined;
      const delay = retryDelayMs(options.retry, attempt, retryAfterMs);
      options.logger?.warn(
        `${stringifyError(error)}; removed what it may have added, retry ${
          attempt + 1
        }/${options.retry.maxRetries} in ${Math.round(delay)} ms`,
      );
      await sleepUnlessAborted(delay, currentAbortSignal(), options.sleep);
    }
  }
}
