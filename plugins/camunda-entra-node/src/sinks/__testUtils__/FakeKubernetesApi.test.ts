import {
  ApiException,
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { FakeKubernetesApi } from './FakeKubernetesApi';

/** The stand-in must refuse what the API server refuses, or the sink tests prove nothing. */
describe('FakeKubernetesApi', () => {
  let api: FakeKubernetesApi;
  let client: CoreV1Api;
  const namespace = 'payments';
  const secret = (data: Record<string, string>) => ({
    metadata: { name: 'entra-credentials' },
    data,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected the API server to refuse');
      },
      (error: ApiException<string>) => ({
        code: error.code,
        status: JSON.parse(error.body),
      }),
    );

  beforeEach(async () => {
    api = await FakeKubernetesApi.start();
    client = api.kubeConfig().makeApiClient(CoreV1Api);
  });
  afterEach(() => api.close());

  it('answers a missing Secret with a NotFound Status', async () => {
    expect(
      await failure(
        client.readNamespacedSecret({ name: 'entra-credentials', namespace }),
      ),
    ).toEqual({
      code: 404,
      status: expect.objectContaining({
        kind: 'Status',
        reason: 'NotFound',
        message: 'secrets "entra-credentials" not found',
      }),
    });
  });

  it('refuses data that is not base64 and folds stringData into data', async () => {
    expect(
      await failure(
        client.createNamespacedSecret({
          namespace,
          body: secret({ a: 'not base64!' }),
        }),
      ),
    ).toMatchObject({ code: 400, status: { reason: 'BadRequest' } });

    const created = await client.createNamespacedSecret({
      namespace,
      body: { ...secret({ a: 'YQ==' }), stringData: { b: 'b' } },
    });

    expect(created.data).toEqual({ a: 'YQ==', b: 'Yg==' });
    expect(created.stringData).toBeUndefined();
  });

  it('refuses to create a Secret twice (AlreadyExists) and a stale resourceVersion (Conflict)', async () => {
    const body = secret({ a: 'YQ==' });
    const created = await client.createNamespacedSecret({ namespace, body });
    const name = 'entra-credentials';

    expect(
      await failure(client.createNamespacedSecret({ namespace, body })),
    ).toMatchObject({ code: 409, status: { reason: 'AlreadyExists' } });
    await client.replaceNamespacedSecret({ name, namespace, body: created });
    expect(
      await failure(
        client.replaceNamespacedSecret({ name, namespace, body: created }),
      ),
    ).toMatchObject({ code: 409, status: { reason: 'Conflict' } });
  });

  it('applies a JSON merge patch, where null removes a key', async () => {
    await client.createNamespacedSecret({
      namespace,
      body: secret({ a: 'YQ==', b: 'Yg==' }),
    });

    const patched = await client.patchNamespacedSecret(
      {
        name: 'entra-credentials',
        namespace,
        body: { data: { a: null, c: 'Yw==' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    expect(patched.data).toEqual({ b: 'Yg==', c: 'Yw==' });
  });

  it('refuses every call in a forbidden namespace', async () => {
    api.forbiddenNamespaces.add(namespace);

    expect(
      await failure(
        client.createNamespacedSecret({ namespace, body: secret({}) }),
      ),
    ).toMatchObject({ code: 403, status: { reason: 'Forbidden' } });
  });
});
