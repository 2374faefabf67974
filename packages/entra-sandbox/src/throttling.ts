import { GraphHttpError } from './graph/errors';

/**
 * A request budget over a sliding window.
 *
 * @public
 */
export interface EntraSandboxRateLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Graph's service limits for applications, which the sandbox enforces with 429 and
 * Retry-After like Graph. Defaults are Graph's documented ones.
 *
 * @public
 */
export interface EntraSandboxThrottling {
  /** Writes by one calling application in the tenant; Graph: 3,000 per 150 seconds. */
  appWrites?: EntraSandboxRateLimit;
  /** All requests in the tenant; Graph: 18,000 per 300 seconds. */
  tenantRequests?: EntraSandboxRateLimit;
}

const DEFAULT_THROTTLING: Required<EntraSandboxThrottling> = {
  appWrites: { limit: 3000, windowSeconds: 150 },
  tenantRequests: { limit: 18000, windowSeconds: 300 },
};

class SlidingWindow {
  private readonly times: number[] = [];

  constructor(private readonly rate: EntraSandboxRateLimit) {}

  /** Records a request at `now`, or returns the seconds until one would fit. */
  take(now: number): number | undefined {
    const windowMs = this.rate.windowSeconds * 1000;
    while (this.times.length > 0 && this.times[0] <= now - windowMs) {
      this.times.shift();
    }
    if (this.times.length >= this.rate.limit) {
      return Math.max(1, Math.ceil((this.times[0] + windowMs - now) / 1000));
    }
    this.times.push(now);
    return undefined;
  }
}

export class Throttling {
  private readonly limits: Required<EntraSandboxThrottling>;
  private readonly tenant: SlidingWindow;
  private readonly appWrites = new Map<string, SlidingWindow>();

  constructor(limits: EntraSandboxThrottling = {}) {
    this.limits = { ...DEFAULT_THROTTLING, ...limits };
    this.tenant = new SlidingWindow(this.limits.tenantRequests);
  }

  /** The 429 for a request over its budget; counts the request otherwise. */
  check(
    callerAppId: string,
    method: string,
    now: number,
  ): GraphHttpError | undefined {
    let retryAfter = this.tenant.take(now);
    if (retryAfter === undefined && method !== 'GET') {
      let window = this.appWrites.get(callerAppId);
      if (!window) {
        window = new SlidingWindow(this.limits.appWrites);
        this.appWrites.set(callerAppId, window);
      }
      retryAfter = window.take(now);
    }
    return retryAfter === undefined
      ? undefined
      : new GraphHttpError(
          429,
          'TooManyRequests',
          'Too many requests: the application or tenant exceeded a Microsoft Graph service limit.',
          { 'retry-after': String(retryAfter) },
        );
  }
}
