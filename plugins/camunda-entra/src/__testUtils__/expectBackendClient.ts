import { CamundaEntraApi } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * What an API factory of the plugin must register: a client that reaches the camunda-entra
 * backend through the discovery and fetch APIs it was given.
 */
export async function expectBackendClient(
  create: (deps: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi: { fetch: typeof fetch };
  }) => CamundaEntraApi,
) {
  const getBaseUrl = jest.fn(
    async (pluginId: string) => `http://backend/api/${pluginId}`,
  );
  const fetchMock = jest.fn(
    async () =>
      new Response(JSON.stringify({ items: [] }), {
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = create({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetchMock as typeof fetch },
  });
  await expect(client.listRequests()).resolves.toEqual({ items: [] });
  expect(getBaseUrl).toHaveBeenCalledWith('camunda-entra');
  expect(fetchMock).toHaveBeenCalledWith(
    'http://backend/api/camunda-entra/requests',
    expect.objectContaining({ method: 'GET' }),
  );
}
