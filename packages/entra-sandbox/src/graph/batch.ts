import { DroppedConnection } from '../faults';
import { GraphContext } from './context';
import { badRequest, GraphHttpError } from './errors';
import { dispatchGraphCall } from './router';
import { Caller, GraphResult } from './types';

/** Graph's limit on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

const STEP_PROPERTIES = ['id', 'method', 'url', 'headers', 'body', 'dependsOn'];
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

function parseSteps(body: unknown): BatchStep[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw badRequest('Invalid batch payload format.', 'BadRequest');
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `Number of batch request steps exceeds the maximum of ${MAX_BATCH_REQUESTS}.`,
      'BadRequest',
    );
  }
  const ids = new Set<string>();
  for (const step of requests as BatchStep[]) {
    const unknown = Object.keys(step ?? {}).find(
      k => !STEP_PROPERTIES.includes(k),
    );
    if (
      unknown ||
      typeof step.id !== 'string' ||
      !step.id ||
      ids.has(step.id) ||
      typeof step.url !== 'string' ||
      !METHODS.includes(String(step.method).toUpperCase()) ||
      (step.dependsOn && !step.dependsOn.every(d => ids.has(d)))
    ) {
      throw badRequest(
        `Invalid batch request step '${String(step?.id)}'.`,
        'BadRequest',
      );
    }
    ids.add(step.id);
  }
  return requests as BatchStep[];
}

/**
 * POST /$batch: runs the steps in order; a step whose dependency failed answers 424. Each
 * step is counted, faulted and authorised like a request of its own.
 */
export function runBatch(
  context: GraphContext,
  body: unknown,
  caller: Caller,
  renderError: (error: GraphHttpError) => unknown,
): GraphResult {
  const steps = parseSteps(body);
  const statuses = new Map<string, number>();
  const responses: Array<{
    id: string;
    status: number;
    headers: Record<string, string>;
    body: unknown;
  }> = [];
  for (const step of steps) {
    const failedDependency = (step.dependsOn ?? []).some(
      d => (statuses.get(d) ?? 0) >= 400,
    );
    const url = new URL(step.url.replace(/^\/?/, '/'), 'https://batch.invalid');
    const result: GraphResult = failedDependency
      ? {
          status: 424,
          body: new GraphHttpError(
            424,
            'FailedDependency',
            'A dependency failed.',
          ),
        }
      : dispatchGraphCall(context, {
          method: step.method.toUpperCase(),
          path: url.pathname,
          query: url.searchParams,
          headers: Object.fromEntries(
            Object.entries(step.headers ?? {}).map(([k, v]) => [
              k.toLowerCase(),
              v,
            ]),
          ),
          body: step.body,
          caller,
        });
    if (result.body instanceof DroppedConnection) {
      // The steps before it are applied; nobody hears of them.
      return result;
    }
    statuses.set(step.id, result.status);
    responses.push({
      id: step.id,
      status: result.status,
      headers: { 'content-type': 'application/json', ...result.headers },
      body:
        result.body instanceof GraphHttpError
          ? renderError(result.body)
          : result.body,
    });
  }
  return { status: 200, body: { responses } };
}
