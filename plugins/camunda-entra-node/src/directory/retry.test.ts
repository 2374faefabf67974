import {
  classifyFailure,
  currentAbortSignal,
  DEFAULT_REPLICATION_POLICY,
  replicationPollMs,
  parseRetryAfter,
  retryDelayMs,
  sleepUnlessAborted,
  withAbortSignal,
} from './retry';

const policy = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 20_000 };

describe('retryDelayMs', () => {
  it('doubles per retry, keeps half fixed and jitters the other half', () => {
    expect(retryDelayMs(policy, 0, undefined, () => 0)).toBe(250);
    expect(retryDelayMs(policy, 0, undefined, () => 1)).toBe(500);
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(3000);
  });

  it('caps the backoff', () => {
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(20_000);
  });

  it("uses the server's Retry-After as given", () => {
    expect(retryDelayMs(policy, 0, 60_000, () => 0)).toBe(60_000);
  });
});

describe('classifyFailure', () => {
  const failure = (statusCode: number, code?: string, message = 'x') => ({
    operation: 'POST /applications/1/addPassword',
    statusCode,
    code,
    message,
  });
  const replicating = (f: { statusCode: number; code?: string }) =>
    f.statusCode === 404 && f.code === 'Request_ResourceNotFound';

  it('treats 429, 503, 504 and concurrency violations as throttling', () => {
    for (const f of [
      failure(429, 'TooManyRequests'),
      failure(503),
      failure(504),
      failure(409, 'Directory_ConcurrencyViolation'),
    ]) {
      expect(classifyFailure(f, replicating)).toBe('throttled');
      expect(classifyFailure(f)).toBe('throttled');
    }
  });

  it('treats what the caller marks as not yet replicated as replication, only for that call', () => {
    const notFound = failure(404, 'Request_ResourceNotFound');
    expect(classifyFailure(notFound, replicating)).toBe('replicating');
    expect(classifyFailure(notFound)).toBe('permanent');
  });

  it('fails everything else at once', () => {
    for (const f of [
      failure(403, 'Authorization_RequestDenied'),
      failure(400, 'CredentialInvalidLifetimeAsPerAppPolicy'),
      failure(409, 'Request_MultipleObjectsWithSameKeyValue'),
      failure(500, 'InternalServerError'),
    ]) {
      expect(classifyFailure(f, replicating)).toBe('permanent');
    }
  });
});

describe('replicationPollMs', () => {
  it('polls shortly, doubling to a cap well below throttling backoff', () => {
    const delays = [0, 1, 2, 3, 10].map(poll =>
      replicationPollMs(DEFAULT_REPLICATION_POLICY, poll),
    );
    expect(delays).toEqual([100, 200, 400, 400, 400]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('sleepUnlessAborted', () => {
  it('waits the whole delay without an abort', async () => {
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
    };
    await sleepUnlessAborted(30, new AbortController().signal, sleep);
    await sleepUnlessAborted(20, undefined, sleep);
    expect(slept).toEqual([30, 20]);
  });

  it('wakes a long backoff with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = sleepUnlessAborted(60_000, controller.signal);
    controller.abort(new Error('lease lost'));
    await expect(sleeping).rejects.toThrow('lease lost');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not start after the signal aborted', async () => {
    const sleep = jest.fn(async () => {});
    await expect(
      sleepUnlessAborted(10, AbortSignal.abort(new Error('stopped')), sleep),
    ).rejects.toThrow('stopped');
    expect(sleep).not.toHaveBeenCalled();
  });
});

describe('withAbortSignal', () => {
  it('gives calls made inside it, across awaits, the signal', async () => {
    const signal = new AbortController().signal;
    const seen = await withAbortSignal(signal, async () => {
      await new Promise(resolve => setTimeout(resolve, 1));
      return currentAbortSignal();
    });
    expect(seen).toBe(signal);
    expect(currentAbortSignal()).toBeUndefined();
  });
});
