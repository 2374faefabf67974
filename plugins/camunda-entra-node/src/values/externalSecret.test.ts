import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { helmTemplate } from './__testUtils__/helm';
import { FIXTURES, fixtureSpec } from './__testUtils__/specs';
import { buildHelmValues } from './buildValues';
import { EXTERNAL_SECRET_FILE, SECRET_STORE_FILE } from './manifestFiles';
import { generateValuesRepository } from './generateValuesRepository';
import { requiredSecretKeys } from './secretKeys';

/** The keys a values tree reads from one Secret, wherever it names it. */
function keysReadFrom(values: unknown, secret: string): string[] {
  if (Array.isArray(values)) {
    return values.flatMap(item => keysReadFrom(item, secret));
  }
  if (typeof values !== 'object' || values === null) {
    return [];
  }
  const node = values as Record<string, unknown>;
  const own =
    node.existingSecret === secret && typeof node.existingSecretKey === 'string'
      ? [node.existingSecretKey]
      : [];
  return [
    ...own,
    ...Object.values(node).flatMap(child => keysReadFrom(child, secret)),
  ];
}

/** Every `secretKeyRef` of the rendered workloads, as name and key. */
function secretKeyRefs(
  manifests: unknown,
): Array<{ name: string; key: string }> {
  if (Array.isArray(manifests)) {
    return manifests.flatMap(secretKeyRefs);
  }
  if (typeof manifests !== 'object' || manifests === null) {
    return [];
  }
  return Object.entries(manifests as Record<string, unknown>).flatMap(
    ([field, child]) =>
      field === 'secretKeyRef'
        ? [child as { name: string; key: string }]
        : secretKeyRefs(child),
  );
}

describe.each(['key-vault-8.8', 'key-vault-8.9'])(
  'the ExternalSecret of %s',
  name => {
    const spec = fixtureSpec(name);
    const golden = join(FIXTURES, 'golden', name);
    const externalSecret = parse(
      readFileSync(join(golden, EXTERNAL_SECRET_FILE), 'utf8'),
    );
    const data: Array<{ secretKey: string; remoteRef: { key: string } }> =
      externalSecret.spec.data;

    it('builds the Entra Secret in the namespace through the spec store', () => {
      expect(externalSecret).toMatchObject({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name: spec.secrets.entra, namespace: spec.namespace },
        spec: {
          secretStoreRef: spec.secretStore!.storeRef ?? {
            kind: 'SecretStore',
            name: 'camunda-entra-key-vault',
          },
          target: { name: spec.secrets.entra, creationPolicy: 'Owner' },
        },
      });
    });

    it('maps the keys of the Entra Secret, each from its Key Vault secret', () => {
      expect(data).toEqual(
        requiredSecretKeys(spec).entra.map(({ key }) => ({
          secretKey: key,
          remoteRef: expect.objectContaining({
            key: `camunda-${spec.name}-${key}`,
          }),
        })),
      );
      const mapped = data.map(entry => entry.secretKey);
      const read = keysReadFrom(buildHelmValues(spec), spec.secrets.entra);
      expect(read).not.toEqual([]);
      expect(read.filter(key => !mapped.includes(key))).toEqual([]);
    });

    it('spells out the defaults the operator gives each remoteRef, so that Argo CD sees no drift', () => {
      // Argo CD compares the data list whole: a default added to an item is a lasting diff.
      for (const { remoteRef } of data) {
        expect(remoteRef).toEqual({
          key: remoteRef.key,
          conversionStrategy: 'Default',
          decodingStrategy: 'None',
          metadataPolicy: 'None',
        });
      }
    });

    it('gives the rendered workloads every Entra Secret key they read', () => {
      const refs = secretKeyRefs(
        helmTemplate({
          line: spec.chart,
          release: spec.release,
          namespace: spec.namespace,
          valuesFile: join(golden, 'values.yaml'),
        }),
      ).filter(ref => ref.name === spec.secrets.entra);
      expect(refs).not.toEqual([]);
      const mapped = data.map(entry => entry.secretKey);
      expect(refs.filter(ref => !mapped.includes(ref.key))).toEqual([]);
    });

    it('is applied by the Argo CD Application', () => {
      const application = parse(
        readFileSync(join(golden, 'argocd/application.yaml'), 'utf8'),
      );
      const folder = spec.argocd!.path.replace(/^\.\/?|\/+$/g, '');
      const manifests = application.spec.sources.filter(
        (source: { path?: string }) => source.path !== undefined,
      );
      expect(manifests).toEqual([
        {
          repoURL: spec.argocd!.repoURL,
          targetRevision: spec.argocd!.targetRevision,
          path: posix.join(folder, posix.dirname(EXTERNAL_SECRET_FILE)),
        },
      ]);
    });
  },
);

describe('a repository with a secret store', () => {
  it('leaves the secret script out when no Secret is left to create by hand', () => {
    const paths = generateValuesRepository(
      fixtureSpec('key-vault-8.9'),
    ).files.map(file => file.path);
    expect(paths).toContain(EXTERNAL_SECRET_FILE);
    expect(paths).not.toContain('secrets/create-secrets.sh');
  });

  it('tells to apply the ExternalSecret by hand without Argo CD', () => {
    const spec = fixtureSpec('key-vault-8.8', input => {
      delete input.argocd;
    });
    const files = generateValuesRepository(spec).files;
    expect(files.map(file => file.path)).not.toContain(
      'argocd/application.yaml',
    );
    expect(files.find(file => file.path === 'README.md')!.content).toContain(
      `kubectl apply --filename ${EXTERNAL_SECRET_FILE}`,
    );
  });

  it('creates no ExternalSecret without one', () => {
    const paths = generateValuesRepository(
      fixtureSpec('guide-full-8.9'),
    ).files.map(file => file.path);
    expect(paths).not.toContain(EXTERNAL_SECRET_FILE);
    expect(paths).toContain('secrets/create-secrets.sh');
  });
});

describe("the deployment's own SecretStore", () => {
  const documents = (name: string) => {
    const file = join(FIXTURES, 'golden', name, SECRET_STORE_FILE);
    return existsSync(file)
      ? parseAllDocuments(readFileSync(file, 'utf8')).map(doc => doc.toJS())
      : [];
  };

  it('reads the vault as the workload identity of a service account of the namespace alone', () => {
    const spec = fixtureSpec('key-vault-8.9');
    const [serviceAccount, store] = documents('key-vault-8.9');
    expect(serviceAccount).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'camunda-entra-key-vault',
        namespace: spec.namespace,
        annotations: {
          'argocd.argoproj.io/sync-wave': '-2',
          'azure.workload.identity/client-id':
            spec.secretStore!.workloadIdentity!.clientId,
          'azure.workload.identity/tenant-id': spec.tenant.id,
        },
      },
    });
    expect(store).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'SecretStore',
      metadata: {
        name: 'camunda-entra-key-vault',
        namespace: spec.namespace,
        annotations: { 'argocd.argoproj.io/sync-wave': '-2' },
      },
      spec: {
        provider: {
          azurekv: {
            authType: 'WorkloadIdentity',
            vaultUrl: spec.secretStore!.vaultUrl,
            environmentType: 'PublicCloud',
            serviceAccountRef: { name: 'camunda-entra-key-vault' },
          },
        },
      },
    });
  });

  it('is left out where the spec names an existing store', () => {
    expect(fixtureSpec('key-vault-8.8').secretStore!.storeRef).toEqual({
      kind: 'ClusterSecretStore',
      name: 'azure-kv',
    });
    expect(documents('key-vault-8.8')).toEqual([]);
  });
});
