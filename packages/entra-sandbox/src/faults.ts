import { GraphHttpError } from './graph/errors';

/**
 * Standing fault settings of the sandbox.
 *
 * @public
 */
export interface EntraSandboxFaults {
  /** Added before answering every request (token and Graph). */
  latencyMs?: number;
  /**
   * Objects created while this is set stay invisible to reads for this long: GETs answer 404
   * and creating a service principal for a new application answers 400, as right after a
   * create in Entra.
   */
  replicationDelayMs?: number;
  /** Fraction (0..1) of Graph requests answered 503 with `Retry-After: 1`. */
  serverErrorRate?: number;
  /**
   * Fraction (0..1) of successful writes (any method but GET) that are applied and then
   * answered 503, as Graph sometimes does: the caller cannot tell whether the write happened.
   */
  serverErrorAfterWriteRate?: number;
  /**
   * Every this many-th write (any method but GET, `$batch` items included, retries too)
   * answers 429 `TooManyRequests` with `Retry-After: 1`, Graph's shortest, as a tenant near
   * its write budget does.
   */
  throttleEveryNthWrite?: number;
}

/**
 * Errors the next matching Graph requests answer with, e.g. a burst of 429s or one 403.
 *
 * @public
 */
export interface EntraSandboxInjectedError {
  /** How many requests fail; default 1. */
  count?: number;
  status: number;
  /** Graph error code; defaults by status (429 TooManyRequests, 409 Directory_ConcurrencyViolation, …). */
  code?: string;
  message?: string;
  /** Sent as Retry-After (seconds). */
  retryAfterSeconds?: number;
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (after /v1.0) contains this text. */
  pathContains?: string;
  /**
   * Apply the request first and answer the error only when it succeeded: a write that took
   * effect although its caller saw a failure.
   */
  afterWrite?: boolean;
  /**
   * Close the connection instead of answering (a proxy's timeout, a network gone); `status`
   * is only counted. In a `$batch` the whole batch's connection closes at this step.
   */
  dropConnection?: boolean;
}

/**
 * The fault of a request whose connection closes without an answer.
 *
 * @internal
 */
export class DroppedConnection extends GraphHttpError {}

const DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'Request_BadRequest', message: 'Bad request.' },
  401: {
    code: 'InvalidAuthenticationToken',
    message: 'Access token validation failure.',
  },
  403: {
    code: 'Authorization_RequestDenied',
    message: 'Insufficient privileges to complete the operation.',
  },
  404: {
    code: 'Request_ResourceNotFound',
    message: 'Resource does not exist.',
  },
  409: {
    code: 'Directory_ConcurrencyViolation',
    message:
      'Another operation is modifying the same object. Retry the request.',
  },
  429: { code: 'TooManyRequests', message: 'Too many requests.' },
  500: {
    code: 'InternalServerError',
    message: 'An internal server error occurred.',
  },
  503: {
    code: 'ServiceUnavailable',
    message: 'The service is temporarily unavailable.',
  },
  504: { code: 'GatewayTimeout', message: 'The gateway timed out.' },
};

/** Deterministic PRNG so that fault rates are repeatable with a seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private settings: EntraSandboxFaults;
  private queue: Array<EntraSandboxInjectedError & { remaining: number }> = [];
  private writes = 0;
  private readonly random: () => number;

  constructor(settings: EntraSandboxFaults = {}, seed = Date.now()) {
    this.settings = { ...settings };
    this.random = mulberry32(seed);
  }

  get current(): EntraSandboxFaults {
    return { ...this.settings };
  }

  set(settings: EntraSandboxFaults) {
    this.settings = { ...settings };
    this.writes = 0;
  }

  inject(error: EntraSandboxInjectedError) {
    this.queue.push({ ...error, remaining: error.count ?? 1 });
  }

  clear() {
    this.queue = [];
  }

  async delay() {
    if (this.settings.latencyMs) {
      await new Promise(resolve =>
        setTimeout(resolve, this.settings.latencyMs),
      );
    }
  }

  /** When an object created now becomes visible to reads. */
  replicatedAt(now: number): number {
    return now + (this.settings.replicationDelayMs ?? 0);
  }

  /** The injected or random error this Graph request answers with instead of running, if any. */
  take(method: string, path: string): GraphHttpError | undefined {
    const injected = this.takeInjected(method, path, false);
    if (injected) {
      return injected;
    }
    const every = this.settings.throttleEveryNthWrite;
    if (every && method !== 'GET' && ++this.writes % every === 0) {
      return toGraphError({ status: 429, retryAfterSeconds: 1 });
    }
    if (
      this.settings.serverErrorRate &&
      this.random() < this.settings.serverErrorRate
    ) {
      return toGraphError({ status: 503, retryAfterSeconds: 1 });
    }
    return undefined;
  }

  /** The error a request that has just succeeded answers with instead of its result, if any. */
  takeAfterWrite(method: string, path: string): GraphHttpError | undefined {
    const injected = this.takeInjected(method, path, true);
    if (injected) {
      return injected;
    }
    if (
      method !== 'GET' &&
      this.settings.serverErrorAfterWriteRate &&
      this.random() < this.settings.serverErrorAfterWriteRate
    ) {
      return toGraphError({ status: 503, retryAfterSeconds: 1 });
    }
    return undefined;
  }

  private takeInjected(
    method: string,
    path: string,
    afterWrite: boolean,
  ): GraphHttpError | undefined {
    const index = this.queue.findIndex(
      e =>
        (e.afterWrite ?? false) === afterWrite &&
        (!e.method || e.method.toUpperCase() === method) &&
        (!e.pathContains || path.includes(e.pathContains)),
    );
    if (index < 0) {
      return undefined;
    }
    const error = this.queue[index];
    error.remaining -= 1;
    if (error.remaining <= 0) {
      this.queue.splice(index, 1);
    }
    return toGraphError(error);
  }
}

function toGraphError(error: EntraSandboxInjectedError): GraphHttpError {
  const defaults = DEFAULTS[error.status] ?? {
    code: 'UnknownError',
    message: 'An error occurred.',
  };
  const headers: Record<string, string> =
    error.retryAfterSeconds !== undefined
      ? { 'retry-after': String(error.retryAfterSeconds) }
      : {};
  return new (error.dropConnection ? DroppedConnection : GraphHttpError)(
    error.status,
    error.code ?? defaults.code,
    error.message ?? defaults.message,
    headers,
  );
}
