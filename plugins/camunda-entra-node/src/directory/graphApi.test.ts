import { Client } from '@microsoft/microsoft-graph-client';
import { EntraGraphError } from './errors';
import { GraphApi } from './graphApi';

/** A Graph client that answers each request with the next of `answers`. */
function scriptedApi(
  answers: Array<{ status: number; code?: string; retryAfter?: string }>,
  options: { signal?: AbortSignal; realSleep?: boolean } = {},
) {
  let clock = 0;
  const slept: number[] = [];
  let requests = 0;
  const respond = async () => {
    requests += 1;
    const answer = answers.shift() ?? { status: 200 };
    const headers = new Headers(
      answer.retryAfter ? { 'retry-after': answer.retryAfter } : {},
    );
    return new Response(
      JSON.stringify(
        answer.status < 300
          ? { id: 'app' }
          : { error: { code: answer.code, message: 'failed' } },
      ),
      { status: answer.status, headers },
    );
  };
  const request = {
    responseType: () => request,
    headers: () => request,
    get: respond,
    post: respond,
    patch: respond,
    delete: respond,
  };
  const api = new GraphApi(
    { api: () => request } as unknown as Client,
    { getAccessToken: async () => 't' },
    {
      retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 20_000 },
      replication: { firstPollMs: 100, maxPollMs: 400, timeoutMs: 2_000 },
      now: () => clock,
      ...(!options.realSleep && {
        sleep: async (ms: number) => {
          slept.push(ms);
          clock += ms;
        },
      }),
    },
  );
  return { api, slept, requests: () => requests };
}

const notFound = { status: 404, code: 'Request_ResourceNotFound' };
const replicating = (failure: { statusCode: number; code?: string }) =>
  failure.statusCode === 404 && failure.code === 'Request_ResourceNotFound';

describe('GraphApi retries', () => {
  it("waits for replication with short capped polls, not throttling's doubling backoff", async () => {
    const { api, slept } = scriptedApi([
      notFound,
      notFound,
      notFound,
      notFound,
      notFound,
    ]);
    const answer = await api.call('POST', '/applications/1/addPassword', {
      notYetReplicated: replicating,
    });
    expect(answer.status).toBe(200);
    expect(slept).toEqual([100, 200, 400, 400, 400]);
  });

  it('gives up on replication after its time budget with the last failure', async () => {
    const { api, slept } = scriptedApi(Array(50).fill(notFound));
    await expect(
      api.call('POST', '/applications/1/addPassword', {
        notYetReplicated: replicating,
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
    expect(slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2_000);
    expect(slept.reduce((a, b) => a + b, 0)).toBeLessThan(2_400);
  });

  it("honours throttling's Retry-After and counts throttling apart from replication", async () => {
    const { api, slept } = scriptedApi([
      { status: 429, code: 'TooManyRequests', retryAfter: '2' },
      notFound,
      { status: 503, retryAfter: '1' },
      notFound,
    ]);
    await api.call('POST', '/servicePrincipals', {
      notYetReplicated: replicating,
    });
    expect(slept).toEqual([2000, 100, 1000, 200]);
  });

  it('stops after the throttling retry budget', async () => {
    const { api, requests } = scriptedApi(
      Array(10).fill({ status: 429, code: 'TooManyRequests', retryAfter: '1' }),
    );
    await expect(api.call('GET', '/applications')).rejects.toMatchObject({
      statusCode: 429,
    });
    expect(requests()).toBe(4);
  });

  it('fails permanent errors, and 404s nobody expects, at once', async () => {
    for (const answer of [
      { status: 403, code: 'Authorization_RequestDenied' },
      notFound,
    ]) {
      const { api, requests, slept } = scriptedApi([answer]);
      const error = await api
        .call('GET', '/applications/1', {
          notYetReplicated: answer.status === 403 ? replicating : () => false,
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(EntraGraphError);
      expect(requests()).toBe(1);
      expect(slept).toEqual([]);
    }
  });
});
