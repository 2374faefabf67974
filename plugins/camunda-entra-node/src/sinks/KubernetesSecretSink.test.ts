import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { FakeKubernetesApi } from './__testUtils__/FakeKubernetesApi';
import { KubernetesSecretSink } from './KubernetesSecretSink';
import { SecretSinkTarget } from './SecretSink';

const SECRET = 'Zq8~secret-text-of-optimize-0123456789';
const OTHER_SECRET = 'Yk7~secret-text-of-identity-0123456789';

/** The error, its stack, its JSON and its causes: none may carry a secret. */
function expectNoSecretText(error: unknown, texts: string[]) {
  const shown = [
    String(error),
    (error as Error).stack,
    JSON.stringify(error),
    String((error as Error).cause),
  ].join('\n');
  for (const text of texts) {
    expect(shown).not.toContain(text);
    expect(shown).not.toContain(Buffer.from(text).toString('base64'));
  }
}

describe('KubernetesSecretSink', () => {
  let api: FakeKubernetesApi;
  let sink: KubernetesSecretSink;
  const target: SecretSinkTarget = {
    requestId: 'r1',
    deployment: 'payments',
    namespace: 'payments-camunda',
    secretName: 'entra-credentials',
  };
  const stored = () => api.secret('payments-camunda', 'entra-credentials');
  const storedData = () =>
    api.decodedData('payments-camunda', 'entra-credentials');
  const writes = () =>
    api.requests.filter(request => !request.startsWith('GET '));

  beforeEach(async () => {
    api = await FakeKubernetesApi.start();
    sink = KubernetesSecretSink.create({ kubeConfig: api.kubeConfig() });
  });
  afterEach(() => api.close());

  /** A Secret someone else made in the target's place. */
  function seedForeign(metadata: object = {}) {
    return api.seed({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'entra-credentials',
        namespace: 'payments-camunda',
        labels: { app: 'payments' },
        ...metadata,
      },
      type: 'Opaque',
      data: { password: Buffer.from('hunter2-database').toString('base64') },
    });
  }

  it('says where a key is kept: the Secret on the cluster', () => {
    expect(sink.locate(target, 'optimize-client-secret')).toBe(
      `key optimize-client-secret of Kubernetes Secret entra-credentials in namespace payments-camunda on ${api.url}`,
    );
  });

  it('creates the Secret labelled as managed by camunda-entra and annotated with the deployment and its keys', async () => {
    const result = await sink.write(target, {
      'optimize-client-secret': SECRET,
      'identity-client-secret': OTHER_SECRET,
    });

    expect(api.requests).toEqual([
      'GET /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
      'POST /api/v1/namespaces/payments-camunda/secrets',
    ]);
    expect(stored()).toMatchObject({
      metadata: {
        name: 'entra-credentials',
        namespace: 'payments-camunda',
        labels: { 'app.kubernetes.io/managed-by': 'camunda-entra' },
        annotations: {
          'camunda-entra.io/deployment': 'payments',
          'camunda-entra.io/request': 'r1',
          'camunda-entra.io/owned-keys':
            'identity-client-secret,optimize-client-secret',
        },
      },
      type: 'Opaque',
    });
    expect(storedData()).toEqual({
      'optimize-client-secret': SECRET,
      'identity-client-secret': OTHER_SECRET,
    });
    expect(result.location).toBe(
      `Kubernetes Secret entra-credentials in namespace payments-camunda on ${api.url}`,
    );
  });

  it('on a later write changes only its own keys: sets the new, removes those it no longer writes, keeps the others', async () => {
    await sink.write(target, { a: 'first-a', b: 'first-b' });
    api.modify('payments-camunda', 'entra-credentials', secret => {
      secret.data.foreign = Buffer.from('kept').toString('base64');
      secret.metadata.labels.team = 'payments';
      secret.metadata.annotations['example.com/note'] = 'kept too';
    });

    await sink.write({ ...target, requestId: 'r2' }, { a: 'second-a' });

    expect(storedData()).toEqual({ a: 'second-a', foreign: 'kept' });
    expect(stored()?.metadata).toMatchObject({
      labels: {
        'app.kubernetes.io/managed-by': 'camunda-entra',
        team: 'payments',
      },
      annotations: {
        'camunda-entra.io/request': 'r2',
        'camunda-entra.io/owned-keys': 'a',
        'example.com/note': 'kept too',
      },
    });
    expect(writes().at(-1)).toBe(
      'PUT /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
    );
  });

  it('updates some keys and keeps every other key, its own included', async () => {
    await sink.write(target, { a: 'first-a', b: 'first-b' });
    api.modify('payments-camunda', 'entra-credentials', secret => {
      secret.data.foreign = Buffer.from('kept').toString('base64');
    });

    const result = await sink.update(
      { ...target, requestId: 'r2' },
      { b: 'rotated-b', c: 'new-c' },
    );

    expect(storedData()).toEqual({
      a: 'first-a',
      b: 'rotated-b',
      c: 'new-c',
      foreign: 'kept',
    });
    expect(stored()?.metadata.annotations).toMatchObject({
      'camunda-entra.io/request': 'r2',
      'camunda-entra.io/owned-keys': 'a,b,c',
    });
    expect(result.location).toBe(
      `Kubernetes Secret entra-credentials in namespace payments-camunda on ${api.url}`,
    );
  });

  it('refuses to update a Secret that does not exist and creates none', async () => {
    const error = await sink.update(target, { b: SECRET }).catch(e => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(
      'Kubernetes Secret payments-camunda/entra-credentials does not exist, so there is no Secret to put the rotated key into; provision the deployment again to recreate it',
    );
    expect(stored()).toBeUndefined();
    expect(writes()).toEqual([]);
  });

  it('refuses a Secret without its label and leaves it exactly as it was', async () => {
    seedForeign();
    const before = JSON.stringify(stored());

    const write = await sink.write(target, { a: SECRET }).catch(e => e);
    const update = await sink.update(target, { a: SECRET }).catch(e => e);

    for (const error of [write, update]) {
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toBe(
        "Kubernetes Secret payments-camunda/entra-credentials already exists and has no app.kubernetes.io/managed-by label, so it is not camunda-entra's; it was left unchanged. Name another Secret in the spec (secrets.entra), or delete this one, or label it app.kubernetes.io/managed-by=camunda-entra to hand it over, then retry",
      );
      expectNoSecretText(error, [SECRET, 'hunter2-database']);
    }
    expect(JSON.stringify(stored())).toBe(before);
    expect(writes()).toEqual([]);
  });

  it('names the manager of a Secret another tool manages', async () => {
    seedForeign({ labels: { 'app.kubernetes.io/managed-by': 'Helm' } });
    const before = JSON.stringify(stored());

    await expect(sink.write(target, { a: SECRET })).rejects.toThrow(
      'Kubernetes Secret payments-camunda/entra-credentials already exists and is managed by Helm (label app.kubernetes.io/managed-by); it was left unchanged.',
    );
    expect(JSON.stringify(stored())).toBe(before);
  });

  it("refuses another deployment's Secret and leaves it exactly as it was", async () => {
    await sink.write({ ...target, deployment: 'orders' }, { a: 'orders-a' });
    const before = JSON.stringify(stored());

    const error = await sink.write(target, { a: SECRET }).catch(e => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'Kubernetes Secret payments-camunda/entra-credentials is managed by camunda-entra for the deployment orders (annotation camunda-entra.io/deployment), not payments; it was left unchanged. Give this deployment a Secret of its own (secrets.entra in the spec) or another namespace, then retry',
    );
    expectNoSecretText(error, [SECRET, 'orders-a']);
    await expect(sink.update(target, { a: SECRET })).rejects.toThrow(
      ConflictError,
    );
    expect(JSON.stringify(stored())).toBe(before);
  });

  it('writes only to the allowed namespaces, refusing others before any call', async () => {
    sink = KubernetesSecretSink.create({
      kubeConfig: api.kubeConfig(),
      allowedNamespaces: ['camunda-*', 'sandbox'],
    });
    const elsewhere = { ...target, namespace: 'payments-camunda' };

    expect(() => sink.checkTarget(elsewhere)).toThrow(InputError);
    expect(() => sink.checkTarget(elsewhere)).toThrow(
      'namespace: the Kubernetes secret sink may not write to namespace payments-camunda; camundaEntra.secretSink.kubernetes.allowedNamespaces allows only camunda-*, sandbox',
    );
    await expect(sink.write(elsewhere, { a: SECRET })).rejects.toThrow(
      InputError,
    );
    await expect(sink.update(elsewhere, { a: SECRET })).rejects.toThrow(
      InputError,
    );
    expect(api.requests).toEqual([]);

    const allowed = { ...target, namespace: 'camunda-payments' };
    expect(() => sink.checkTarget(allowed)).not.toThrow();
    await sink.write(allowed, { a: SECRET });
    expect(api.decodedData('camunda-payments', 'entra-credentials')).toEqual({
      a: SECRET,
    });
  });

  it.each(['kube-system', 'kube-public', 'kube-node-lease'])(
    "refuses %s, one of Kubernetes' own namespaces, by default",
    async namespace => {
      const system = { ...target, namespace };

      expect(() => sink.checkTarget(system)).toThrow(
        `namespace: ${namespace} belongs to Kubernetes itself; the Kubernetes secret sink writes there only when camundaEntra.secretSink.kubernetes.allowedNamespaces names it`,
      );
      await expect(sink.write(system, { a: SECRET })).rejects.toThrow(
        InputError,
      );
      expect(api.requests).toEqual([]);
    },
  );

  it('allows any other namespace by default, but only names that are namespaces', () => {
    expect(() =>
      sink.checkTarget({ ...target, namespace: 'Payments_Camunda' }),
    ).toThrow(
      'namespace: "Payments_Camunda" is not a Kubernetes namespace name',
    );
    expect(() =>
      sink.checkTarget({ ...target, namespace: 'any-other' }),
    ).not.toThrow();
    expect(api.requests).toEqual([]);
  });

  it('allows a system namespace that allowedNamespaces names', () => {
    sink = KubernetesSecretSink.create({
      kubeConfig: api.kubeConfig(),
      allowedNamespaces: ['kube-system'],
    });

    expect(() =>
      sink.checkTarget({ ...target, namespace: 'kube-system' }),
    ).not.toThrow();
  });

  it('reads again and keeps a concurrent change when the API server answers 409 Conflict', async () => {
    await sink.write(target, { a: 'first-a' });
    let raced = false;
    api.beforeRequest = method => {
      if (method === 'PUT' && !raced) {
        raced = true;
        api.modify('payments-camunda', 'entra-credentials', secret => {
          secret.data.concurrent = Buffer.from('edit').toString('base64');
        });
      }
    };

    await sink.write({ ...target, requestId: 'r2' }, { a: 'second-a' });

    expect(writes().slice(1)).toEqual([
      'PUT /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
      'PUT /api/v1/namespaces/payments-camunda/secrets/entra-credentials',
    ]);
    expect(storedData()).toEqual({ a: 'second-a', concurrent: 'edit' });
  });

  it('checks again who owns a Secret created concurrently (409 AlreadyExists)', async () => {
    api.beforeRequest = method => {
      if (method === 'POST') {
        api.beforeRequest = () => {};
        seedForeign();
      }
    };
    const error = await sink.write(target, { a: SECRET }).catch(e => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toContain(
      'has no app.kubernetes.io/managed-by label',
    );
    expect(storedData()).toEqual({ password: 'hunter2-database' });
  });

  it('gives up after a few conflicts in a row, writing nothing', async () => {
    await sink.write(target, { a: 'first-a' });
    api.beforeRequest = method => {
      if (method === 'PUT') {
        api.modify('payments-camunda', 'entra-credentials', () => {});
      }
    };

    const error = await sink.write(target, { a: SECRET }).catch(e => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'Kubernetes Secret payments-camunda/entra-credentials changed under every one of 5 attempts to write it; nothing was written, retry the request',
    );
    expect(storedData()).toEqual({ a: 'first-a' });
  });

  it("reports the API server's refusals with status and message, never the data", async () => {
    api.forbiddenNamespaces.add('payments-camunda');

    const error = await sink
      .write(target, { 'optimize-client-secret': SECRET })
      .catch(e => e);

    expect(error.message).toBe(
      'Kubernetes refused to write Secret payments-camunda/entra-credentials: HTTP 403 secrets "entra-credentials" is forbidden: User "system:serviceaccount:backstage:backstage" cannot get resource "secrets" in API group "" in the namespace "payments-camunda"',
    );
    // Nothing was stored, so provisioning may withdraw the secrets.
    expect(error.name).toBe('SecretSinkRefusedError');
    expectNoSecretText(error, [SECRET]);
  });

  it('never carries secret text when the API server cannot be reached', async () => {
    await api.close();

    const error = await sink
      .write(target, { 'optimize-client-secret': SECRET })
      .catch(e => e);

    expect(error.message).toMatch(
      /^Could not reach Kubernetes to write Secret payments-camunda\/entra-credentials: /,
    );
    // Whether the write happened is unknown.
    expect(error.name).toBe('Error');
    expectNoSecretText(error, [SECRET]);
  });

  it('reads back only keys it owns in the deployment’s Secret', async () => {
    await sink.write(target, { 'optimize-client-secret': SECRET });
    api.modify('payments-camunda', 'entra-credentials', secret => {
      secret.data['added-by-hand'] =
        Buffer.from('hand-text').toString('base64');
    });

    expect(await sink.read(target, 'optimize-client-secret')).toBe(SECRET);
    expect(await sink.read(target, 'added-by-hand')).toBeUndefined();
    expect(await sink.read(target, 'identity-client-secret')).toBeUndefined();
    expect(
      await sink.read({ ...target, secretName: 'missing' }, 'a'),
    ).toBeUndefined();
  });

  it('reads nothing from a Secret that is not camunda-entra’s for the deployment', async () => {
    seedForeign();
    const foreign = await sink.read(target, 'password').catch(e => e);
    expect(foreign).toBeInstanceOf(ConflictError);
    expectNoSecretText(foreign, ['hunter2-database']);

    api.forbiddenNamespaces.add('payments-camunda');
    const refused = await sink.read(target, 'password').catch(e => e);
    expect(refused.message).toMatch(
      /^Kubernetes refused to read Secret payments-camunda\/entra-credentials: HTTP 403 /,
    );
  });
});
