import {
  currentAbortSignal,
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
