import {
  AuthenticationError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { EntraGraphError, GraphFailure } from './errors';
import { SharedTokenProvider } from './graphClient';
import {
  classifyFailure,
  currentAbortSignal,
  DEFAULT_REPLICATION_POLICY,
  mayHaveBeenApplied,
  parseRetryAfter,
  ReplicationPolicy,
  replicationPollMs,
  retryDelayMs,
  RetryPolicy,
  sleepUnlessAborted,
} from './retry';

/** HTTP methods the directory client uses. */
export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Failures that mean the object this call needs was created a moment ago and has not
   * replicated yet (a 404, say): polled shortly, not backed off like throttling.
   */
  notYetReplicated?: (failure: GraphFailure) => boolean;
  /**
   * Sending the call twice would do it twice (addPassword): an answer after which Graph may
   * have applied it (see {@link mayHaveBeenApplied}) fails at once, for the caller to check.
   */
  notIdempotent?: boolean;
}

interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphResponse<T> {
  status: number;
  body: T;
  /** Graph's clock when it answered: its `Date` header, to the second. */
  date?: string;
}

/** `PATCH /applications(uniqueName='x')`: the path without host and query. */
function describe(method: GraphMethod, path: string): string {
  const withoutOrigin = path.replace(/^https:\/\/[^/]+\/v1\.0/, '');
  return `${method} ${withoutOrigin.split('?')[0]}`;
}

interface GraphErrorBody {
  error?: {
    code?: string;
    message?: string;
    innerError?: Record<string, string>;
  };
}

function failureOf(
  operation: string,
  statusCode: number,
  body: GraphErrorBody | undefined,
  header: (name: string) => string | undefined,
  fallbackMessage: string,
): GraphFailure {
  const error = body?.error ?? {};
  return {
    operation,
    statusCode,
    code: error.code,
    message: error.message ?? fallbackMessage,
    requestId: error.innerError?.['request-id'] ?? header('request-id'),
    clientRequestId:
      error.innerError?.['client-request-id'] ?? header('client-request-id'),
    retryAfterMs: parseRetryAfter(header('retry-after')),
  };
}

async function toFailure(
  response: Response,
  operation: string,
): Promise<GraphFailure> {
  const text = await response.text();
  let body: GraphErrorBody | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Not Graph's error body (a proxy's page, say): keep its start as the message.
  }
  return failureOf(
    operation,
    response.status,
    body,
    name => response.headers.get(name) ?? undefined,
    text.slice(0, 200) || response.statusText,
  );
}

/** The token provider GraphApi needs: a token is fetched before each request. */
export type AccessTokens = Pick<SharedTokenProvider, 'getAccessToken'>;

/**
 * Graph calls with the directory client's retry rules (see {@link classifyFailure}):
 * throttling with capped, jittered exponential backoff honouring Retry-After, objects that
 * have not replicated yet with short polls for a bounded time; anything else fails at once
 * as an {@link EntraGraphError}.
 */
export class GraphApi {
  constructor(
    private readonly client: Client,
    private readonly tokens: AccessTokens,
    private readonly options: {
      retry: RetryPolicy;
      replication?: ReplicationPolicy;
      logger?: LoggerService;
      sleep?: (ms: number) => Promise<void>;
      now?: () => number;
    },
  ) {}

  async call<T = any>(
    method: GraphMethod,
    path: string,
    options: GraphCallOptions = {},
  ): Promise<GraphResponse<T>> {
    const operation = describe(method, path);
    const { retry, logger } = this.options;
    const replication = this.options.replication ?? DEFAULT_REPLICATION_POLICY;
    const now = this.options.now ?? Date.now;
    let throttled = 0;
    let polls = 0;
    let waitingSince: number | undefined;
    for (;;) {
      currentAbortSignal()?.throwIfAborted();
      const response = await this.send(method, path, options, operation);
      if (response.ok) {
        const text = response.status === 204 ? '' : await response.text();
        return {
          status: response.status,
          body: (text ? JSON.parse(text) : undefined) as T,
          date: response.headers.get('date') ?? undefined,
        };
      }
      const failure = await toFailure(response, operation);
      if (options.notIdempotent && mayHaveBeenApplied(failure)) {
        throw new EntraGraphError(failure);
      }
      const kind = classifyFailure(failure, options.notYetReplicated);
      if (kind === 'replicating') {
        waitingSince ??= now();
      }
      let delay: number;
      if (kind === 'throttled' && throttled < retry.maxRetries) {
        delay = retryDelayMs(retry, throttled++, failure.retryAfterMs);
        logger?.warn(
          `${operation} answered ${failure.statusCode} ${
            failure.code ?? ''
          }; retry ${throttled}/${retry.maxRetries} in ${Math.round(delay)} ms`,
        );
      } else if (
        kind === 'replicating' &&
        now() - waitingSince! < replication.timeoutMs
      ) {
        delay = replicationPollMs(replication, polls++);
        logger?.debug(
          `${operation}: not replicated yet; poll ${polls} in ${delay} ms`,
        );
      } else {
        throw new EntraGraphError(failure);
      }
      await this.sleep(delay);
    }
  }

  /**
   * GETs up to 20 URLs (relative to the version) in one `$batch`; items that fail
   * transiently are sent again in a smaller batch. Returns each item's body by URL.
   */
  async batchGet<T = any>(urls: string[]): Promise<Map<string, T>> {
    const { retry } = this.options;
    const results = new Map<string, T>();
    let pending = urls;
    for (let attempt = 0; ; attempt++) {
      const { body } = await this.call<{ responses: BatchResponse[] }>(
        'POST',
        '/$batch',
        {
          body: {
            requests: pending.map((url, index) => ({
              id: String(index),
              method: 'GET',
              url,
            })),
          },
        },
      );
      const again: string[] = [];
      let retryAfterMs: number | undefined;
      for (const item of body.responses) {
        const url = pending[Number(item.id)];
        if (item.status < 300) {
          results.set(url, item.body as T);
          continue;
        }
        const headers = Object.fromEntries(
          Object.entries(item.headers ?? {}).map(([k, v]) => [
            k.toLowerCase(),
            v,
          ]),
        );
        const failure = failureOf(
          describe('GET', url),
          item.status,
          item.body as GraphErrorBody,
          name => headers[name],
          `status ${item.status}`,
        );
        if (
          classifyFailure(failure) !== 'throttled' ||
          attempt >= retry.maxRetries
        ) {
          throw new EntraGraphError(failure);
        }
        again.push(url);
        retryAfterMs =
          Math.max(retryAfterMs ?? 0, failure.retryAfterMs ?? 0) || undefined;
      }
      if (again.length === 0) {
        return results;
      }
      await this.sleep(retryDelayMs(retry, attempt, retryAfterMs));
      pending = again;
    }
  }

  /** Backoff that ends early, failing, when the caller's work is aborted (withAbortSignal). */
  private sleep(ms: number): Promise<void> {
    return sleepUnlessAborted(ms, currentAbortSignal(), this.options.sleep);
  }

  private async send(
    method: GraphMethod,
    path: string,
    options: GraphCallOptions,
    operation: string,
  ): Promise<Response> {
    try {
      // Fetched here rather than inside the Graph client, which garbles credential errors.
      await this.tokens.getAccessToken();
    } catch (error) {
      throw new AuthenticationError(
        `Could not get a Microsoft Graph token for ${operation}: ${stringifyError(
          error,
        )}`,
      );
    }
    const request = this.client
      .api(path)
      .responseType(ResponseType.RAW)
      .headers(options.headers ?? {});
    try {
      switch (method) {
        case 'GET':
          return await request.get();
        case 'POST':
          return await request.post(options.body);
        case 'PATCH':
          return await request.patch(options.body);
        default:
          return await request.delete();
      }
    } catch (error) {
      // No response at all: Graph unreachable, or TLS refused.
      throw new ServiceUnavailableError(
        `${operation}: ${(error as Error).message}`,
      );
    }
  }
}
