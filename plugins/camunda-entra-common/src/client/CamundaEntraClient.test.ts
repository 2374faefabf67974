import { ResponseError } from '@backstage/errors';
import { createCamundaEntraClient } from './CamundaEntraClient';

describe('CamundaEntraClient', () => {
  const baseUrl = 'http://backend.test/api/camunda-entra';

  function setup(response: Response) {
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
      response.clone(),
    );
    const getBaseUrl = jest.fn(async (_pluginId: string) => baseUrl);
    const client = createCamundaEntraClient({
      discoveryApi: { getBaseUrl },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    return { client, fetch, getBaseUrl };
  }

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

  it('lists requests with the filter as query parameters', async () => {
    const { client, fetch, getBaseUrl } = setup(json({ items: [] }));

    await expect(
      client.listRequests({ state: 'pending', kind: 'provision' }),
    ).resolves.toEqual({ items: [] });

    expect(getBaseUrl).toHaveBeenCalledWith('camunda-entra');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/requests?state=pending&kind=provision`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('asks for a fleet page with the query as parameters', async () => {
    const page = { items: [], totalCount: 0 };
    const { client, fetch } = setup(json(page));

    await expect(
      client.listDeployments({
        health: ['error', 'unknown'],
        expiring: { from: '2027-01-04', to: '2027-01-11' },
        search: 'pay ments',
        sort: 'nextExpiry',
        order: 'desc',
        limit: 20,
        cursor: 'c1',
      }),
    ).resolves.toEqual(page);

    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/deployments?health=error%2Cunknown&expiringFrom=2027-01-04&expiringTo=2027-01-11&search=pay+ments&sort=nextExpiry&order=desc&limit=20&cursor=c1`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('looks for applications to adopt by display name', async () => {
    const { client, fetch } = setup(json({ items: [] }));

    await expect(
      client.findAdoptionCandidates({ displayName: 'Web Modeler API' }),
    ).resolves.toEqual({ items: [] });

    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/adoption/candidates?displayName=Web+Modeler+API`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('reads the expiry timeline', async () => {
    const { client, fetch } = setup(json({ weeks: [] }));

    await expect(client.getExpiryTimeline()).resolves.toEqual({ weeks: [] });

    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/deployments/expiry-timeline`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('lists without a query string when no filter is given', async () => {
    const { client, fetch } = setup(json({ items: [] }));

    await client.listRequests();

    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/requests`);
  });

  it('sends the given token and a JSON body', async () => {
    const { client, fetch } = setup(json({ id: 'r1' }, 201));

    await expect(
      client.createRequest(
        { spec: { name: 'payments' }, entityRef: 'component:default/x' },
        { token: 'plugin-token' },
      ),
    ).resolves.toEqual({ id: 'r1' });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/requests`);
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({
      Authorization: 'Bearer plugin-token',
      'Content-Type': 'application/json',
    });
    expect(JSON.parse(String(init?.body))).toEqual({
      spec: { name: 'payments' },
      entityRef: 'component:default/x',
    });
  });

  it.each([
    ['approveRequest', ['a/b', { comment: 'ok' }], '/requests/a%2Fb/approve'],
    ['rejectRequest', ['r1', { comment: 'no' }], '/requests/r1/reject'],
    ['retryRequest', ['r1'], '/requests/r1/retry'],
  ] as const)('%s posts to %s', async (method, args, path) => {
    const { client, fetch } = setup(json({ id: 'r1' }));

    await (client[method] as (...a: unknown[]) => Promise<unknown>)(...args);

    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}${path}`);
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
  });

  it('asks for a secret rotation as a rotate request', async () => {
    const { client, fetch } = setup(json({ id: 'r2', kind: 'rotate' }, 201));

    await client.requestSecretRotation({
      entityRef: 'component:default/payments',
      client: 'optimize',
    });

    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(`${baseUrl}/requests`);
    expect(JSON.parse(String(init?.body))).toEqual({
      kind: 'rotate',
      entityRef: 'component:default/payments',
      client: 'optimize',
    });
  });

  it("asks for a repair of an entity's applications", async () => {
    const { client, fetch } = setup(json({ id: 'r2' }));

    await client.requestRepair({ entityRef: 'component:default/payments' });

    const [url, init] = fetch.mock.calls[0];
    expect([url, init?.method]).toEqual([`${baseUrl}/requests`, 'POST']);
    expect(JSON.parse(String(init?.body))).toEqual({
      kind: 'repair',
      entityRef: 'component:default/payments',
    });
  });

  it('asks for a transfer of a deployment to another owner', async () => {
    const { client, fetch } = setup(json({ id: 'r3', kind: 'transfer' }, 201));

    await client.requestTransfer({
      entityRef: 'component:default/payments',
      owner: 'group:default/billing-team',
    });

    const [url, init] = fetch.mock.calls[0];
    expect([url, init?.method]).toEqual([`${baseUrl}/requests`, 'POST']);
    expect(JSON.parse(String(init?.body))).toEqual({
      kind: 'transfer',
      entityRef: 'component:default/payments',
      owner: 'group:default/billing-team',
    });
  });

  it('asks for an upgrade and finishes it', async () => {
    const { client, fetch } = setup(json({}));

    await client.requestUpgrade({
      entityRef: 'component:default/payments',
      chart: '8.9',
    });
    await client.finishUpgrade('a/b');

    const [[url, init], [finishUrl, finishInit]] = fetch.mock.calls;
    expect([url, init?.method]).toEqual([`${baseUrl}/requests`, 'POST']);
    expect(JSON.parse(String(init?.body))).toEqual({
      kind: 'upgrade',
      entityRef: 'component:default/payments',
      chart: '8.9',
    });
    expect([finishUrl, finishInit?.method]).toEqual([
      `${baseUrl}/requests/a%2Fb/finish`,
      'POST',
    ]);
  });

  it('reads the status of an entity with its ref encoded in the query', async () => {
    const { client, fetch } = setup(json({ health: 'ok', components: [] }));

    await expect(
      client.getEntityStatus('component:default/payments'),
    ).resolves.toEqual({ health: 'ok', components: [] });

    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/status?entityRef=component%3Adefault%2Fpayments`,
    );
  });

  it("asks for a sign-in verification of an entity's deployment", async () => {
    const verification = {
      verifiedAt: '2026-12-07T01:00:00.000Z',
      passed: true,
      checks: 12,
      problems: [],
    };
    const { client, fetch } = setup(json(verification));

    await expect(
      client.verifySignIn('component:default/payments'),
    ).resolves.toEqual(verification);

    const [url, init] = fetch.mock.calls[0];
    expect([url, init?.method]).toEqual([`${baseUrl}/verifications`, 'POST']);
    expect(JSON.parse(String(init?.body))).toEqual({
      entityRef: 'component:default/payments',
    });
  });

  it('turns error responses into a ResponseError carrying the backend error', async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'NotFoundError', message: 'no request r9' },
          request: { method: 'GET', url: '/requests/r9' },
          response: { statusCode: 404 },
        },
        404,
      ),
    );

    const error = await client.getRequest('r9').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.body.error.name).toBe('NotFoundError');
  });
});
