import { parseRetryAfter, retryDelayMs } from './retry';

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
