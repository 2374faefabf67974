import { KubeConfig } from '@kubernetes/client-node';
import http from 'http';
import { AddressInfo } from 'net';
import { KubernetesSecretSink } from './KubernetesSecretSink';

/** Just enough of the Kubernetes API for Secrets, in memory. */
async function startFakeApiServer() {
  const secrets = new Map<string, any>();
  const calls: string[] = [];
  const contentTypes: Array<string | undefined> = [];
  let failWith: number | undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (failWith) {
        reply(failWith, {
          kind: 'Status',
          message: 'secrets is forbidden: no RBAC rule',
          code: failWith,
        });
        return;
      }
      const named = req.url?.match(
        /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/([^/?]+)/,
      );
      const collection = req.url?.match(
        /^\/api\/v1\/namespaces\/([^/]+)\/secrets\/?(\?.*)?$/,
      );
      if (req.method === 'PUT' && named) {
        const key = `${named[1]}/${named[2]}`;
        if (!secrets.has(key)) {
          reply(404, { kind: 'Status', message: 'not found', code: 404 });
          return;
        }
        secrets.set(key, JSON.parse(body));
        reply(200, JSON.parse(body));
      } else if (req.method === 'PATCH' && named) {
        const key = `${named[1]}/${named[2]}`;
        const existing = secrets.get(key);
        if (!existing) {
          reply(404, { kind: 'Status', message: 'not found', code: 404 });
          return;
        }
        // A JSON merge patch of the two fields the sink patches.
        const patch = JSON.parse(body);
        const merged = {
          ...existing,
          metadata: {
            ...existing.metadata,
            annotations: {
              ...existing.metadata.annotations,
              ...patch.metadata?.annotations,
            },
          },
          stringData: { ...existing.stringData, ...patch.stringData },
        };
        contentTypes.push(req.headers['content-type']);
        secrets.set(key, merged);
        reply(200, merged);
      } else if (req.method === 'POST' && collection) {
        const secret = JSON.parse(body);
        secrets.set(`${collection[1]}/${secret.metadata.name}`, secret);
        reply(201, secret);
      } else {
        reply(405, { kind: 'Status', message: 'unexpected', code: 405 });
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secrets,
    calls,
    contentTypes,
    fail: (status: number | undefined) => {
      failWith = status;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('KubernetesSecretSink', () => {
  let api: Awaited<ReturnType<typeof startFakeApiServer>>;
  let sink: KubernetesSecretSink;
  const target = {
    requestId: 'r1',
    deployment: 'payments',
    namespace: 'payments-camunda',
    secretName: 'entra-credentials',
  };

  beforeEach(async () => {
    api = await startFakeApiServer();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      // http is only accepted with skipTLSVerify; the fake API server has no TLS
      clusters: [{ name: 'test', server: api.url, skipTLSVerify: true }],
      users: [{ name: 'test', token: 'token' }],
      contexts: [{ name: 'test', cluster: 'test', user: 'test' }],
      currentContext: 'test',
    });
    sink = KubernetesSecretSink.create({ kubeConfig });
  });
  afterEach(() => api.close());

  it('creates the Secret in the deployment namespace when it does not exist', async () => {
    const result = await sink.write(target, { 'optimize-client-secret': 's1' });

    expect(api.calls).toEqual([
      'PUT /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
      'POST /api/v1/namespaces/payments-camunda/secrets',
    ]);
    expect(api.secrets.get('payments-camunda/entra-credentials')).toMatchObject(
      {
        metadata: {
          name: 'entra-credentials',
          namespace: 'payments-camunda',
          labels: { 'app.kubernetes.io/managed-by': 'camunda-entra' },
          annotations: { 'camunda-entra.io/request': 'r1' },
        },
        type: 'Opaque',
        stringData: { 'optimize-client-secret': 's1' },
      },
    );
    expect(result.location).toBe(
      `Kubernetes Secret entra-credentials in namespace payments-camunda on ${api.url}`,
    );
    expect(result.location).not.toContain('s1');
  });

  it('replaces an existing Secret so it holds exactly the new keys', async () => {
    await sink.write(target, { a: '1', b: '2' });

    await sink.write(target, { a: '3' });

    expect(
      api.secrets.get('payments-camunda/entra-credentials').stringData,
    ).toEqual({ a: '3' });
    expect(api.calls.at(-1)).toBe(
      'PUT /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
    );
  });

  it('updates some keys of an existing Secret with a merge patch, keeping the others', async () => {
    await sink.write(target, { a: '1', b: '2' });

    const result = await sink.update(
      { ...target, requestId: 'r2' },
      { b: '3' },
    );

    expect(api.calls.at(-1)).toBe(
      'PATCH /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
    );
    expect(api.contentTypes).toEqual(['application/merge-patch+json']);
    expect(api.secrets.get('payments-camunda/entra-credentials')).toMatchObject(
      {
        metadata: { annotations: { 'camunda-entra.io/request': 'r2' } },
        stringData: { a: '1', b: '3' },
      },
    );
    expect(result.location).toBe(
      `Kubernetes Secret entra-credentials in namespace payments-camunda on ${api.url}`,
    );
  });

  it('refuses to update a Secret that does not exist', async () => {
    await expect(sink.update(target, { b: 'secret-text' })).rejects.toThrow(
      'Kubernetes refused to write Secret payments-camunda/entra-credentials: HTTP 404 not found',
    );
    expect(api.secrets.size).toBe(0);
  });

  it('reports refusals with status and message, never the data', async () => {
    api.fail(403);

    const error = await sink
      .write(target, { 'optimize-client-secret': 'very-secret' })
      .catch(e => e);

    expect(error.message).toBe(
      'Kubernetes refused to write Secret payments-camunda/entra-credentials: HTTP 403 secrets is forbidden: no RBAC rule',
    );
    expect(JSON.stringify(error)).not.toContain('very-secret');
  });
});
