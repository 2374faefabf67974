import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import { InputError } from '@backstage/errors';
import { parse, parseDocument } from 'yaml';
import { LocalSecretSink } from './LocalSecretSink';

describe('LocalSecretSink', () => {
  let root: string;
  const target = {
    requestId: 'r1',
    deployment: 'payments',
    namespace: 'payments-camunda',
    secretName: 'entra-credentials',
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'local-sink-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes an applicable Secret manifest readable only by its owner', async () => {
    const directory = path.join(root, 'secrets');
    const sink = LocalSecretSink.create({ directory });
    const file = path.join(directory, 'payments-r1.yaml');

    const { location } = await sink.write(target, {
      'optimize-client-secret': 'a: b # "quoted"',
    });

    expect(location).toBe(`file ${file} (kubectl apply -f ${file})`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`# Apply with:  kubectl apply -f ${file}`);
    expect(parseDocument(text).toJS()).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: expect.objectContaining({
        name: 'entra-credentials',
        namespace: 'payments-camunda',
      }),
      type: 'Opaque',
      stringData: { 'optimize-client-secret': 'a: b # "quoted"' },
    });
    expect(await readdir(directory)).toEqual(['payments-r1.yaml']);
  });

  it('writes YAML that kubectl reads as written: namespaces and values that YAML 1.1 would read as booleans, null or numbers stay strings', async () => {
    const sink = LocalSecretSink.create({ directory: root });

    const read = async (file: string) =>
      parse(await readFile(path.join(root, `payments-${file}.yaml`), 'utf8'), {
        version: '1.1',
      });

    for (const namespace of ['no', 'on', 'yes', 'null', '1e3']) {
      const requestId = `r-${namespace}`;
      await sink.write(
        { ...target, namespace, requestId },
        { 'optimize-client-secret': namespace },
      );
      await sink.update(
        { ...target, namespace, requestId: `${requestId}-rotation` },
        { 'optimize-client-secret': namespace },
      );

      const manifest = await read(requestId);
      const patch = await read(`${requestId}-rotation`);
      expect(manifest.metadata.namespace).toBe(namespace);
      expect(manifest.stringData).toEqual({
        'optimize-client-secret': namespace,
      });
      expect(patch.stringData).toEqual({ 'optimize-client-secret': namespace });
    }
  });

  it('accepts any namespace name and refuses what cannot name a namespace, writing nothing', async () => {
    const sink = LocalSecretSink.create({ directory: root });

    expect(() =>
      sink.checkTarget({ ...target, namespace: 'kube-system' }),
    ).not.toThrow();
    for (const namespace of [
      'Payments',
      'payments_camunda',
      '-a',
      'a'.repeat(64),
    ]) {
      expect(() => sink.checkTarget({ ...target, namespace })).toThrow(
        InputError,
      );
      await expect(
        sink.write({ ...target, namespace }, { key: 'value' }),
      ).rejects.toThrow(
        `namespace: ${JSON.stringify(
          namespace,
        )} is not a Kubernetes namespace name`,
      );
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('replaces an earlier file of the same request and tightens its mode', async () => {
    const sink = LocalSecretSink.create({ directory: root });
    const file = path.join(root, 'payments-r1.yaml');
    await writeFile(file, 'old', { mode: 0o644 });

    await sink.write(target, { key: 'new' });

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('key: new');
  });

  it('writes an update as a merge patch file with the kubectl patch command', async () => {
    const sink = LocalSecretSink.create({ directory: root });
    const file = path.join(root, 'payments-r2.yaml');
    const command = `kubectl patch secret entra-credentials -n payments-camunda --type merge --patch-file ${file}`;

    const { location } = await sink.update(
      { ...target, requestId: 'r2' },
      { 'optimize-client-secret': 'rotated' },
    );

    expect(location).toBe(`file ${file} (${command})`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`#   ${command}`);
    expect(parseDocument(text).toJS()).toEqual({
      metadata: { annotations: { 'camunda-entra.io/request': 'r2' } },
      stringData: { 'optimize-client-secret': 'rotated' },
    });
  });

  it('describes the destination without writing anything', async () => {
    const sink = LocalSecretSink.create({ directory: root });

    expect(sink.describe(target, 'write')).toContain(
      path.join(root, 'payments-r1.yaml'),
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('describes the command that applies what each operation delivers', async () => {
    const sink = LocalSecretSink.create({ directory: root });
    const file = path.join(root, 'payments-r1.yaml');

    const write = sink.describe(target, 'write');
    const update = sink.describe(target, 'update');

    expect(write).toMatch(/^Kubernetes Secret manifest /);
    expect(write).toContain(`to apply with kubectl apply -f ${file}`);
    expect(update).toMatch(/^Merge patch of the Kubernetes Secret /);
    expect(update).toContain(
      `to apply with kubectl patch secret entra-credentials -n payments-camunda --type merge --patch-file ${file}`,
    );
    expect(update).not.toContain('kubectl apply');
  });

  it('says where a key is kept: in the Secret applied from the file', () => {
    expect(
      LocalSecretSink.create({ directory: root }).locate(
        target,
        'optimize-client-secret',
      ),
    ).toBe(
      `key optimize-client-secret of the Kubernetes Secret payments-camunda/entra-credentials, applied from the file ${path.join(
        root,
        'payments-r1.yaml',
      )}`,
    );
  });

  it("reads a key back from the request's file, a manifest or a patch, until the file is deleted", async () => {
    const sink = LocalSecretSink.create({ directory: root });
    const rotation = { ...target, requestId: 'r2' };
    await sink.write(target, {
      'optimize-client-secret': 'no',
      'identity-client-secret': 'identity-text',
    });
    await sink.update(rotation, { 'optimize-client-secret': 'rotated-text' });

    // YAML 1.1 as written: `no` stays the string it was.
    expect(await sink.read(target, 'optimize-client-secret')).toBe('no');
    expect(await sink.read(rotation, 'optimize-client-secret')).toBe(
      'rotated-text',
    );
    expect(await sink.read(rotation, 'identity-client-secret')).toBeUndefined();

    await rm(path.join(root, 'payments-r1.yaml'));
    expect(await sink.read(target, 'identity-client-secret')).toBeUndefined();
  });

  it('never quotes the file when it cannot be parsed any more', async () => {
    const sink = LocalSecretSink.create({ directory: root });
    const file = path.join(root, 'payments-r1.yaml');
    await writeFile(file, 'stringData: { a: "secret-text-of-a-client\n  - [');

    const error = await sink.read(target, 'a').catch(e => e);

    expect(error.message).toBe(
      `The secret file ${file} is not valid YAML any more`,
    );
    expect(JSON.stringify([String(error), error.stack])).not.toContain(
      'secret-text-of-a-client',
    );
  });
});
