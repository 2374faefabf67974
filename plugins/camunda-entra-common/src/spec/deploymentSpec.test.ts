import {
  validateDeploymentSpec,
  validateSecretStoreSpec,
} from './deploymentSpec';
import type { DeploymentSpecInput } from './types';

const TENANT = '6f1c2f43-1111-4222-8333-444455556666';
const GUIDS = {
  orchestration: '00000000-0000-4000-8000-000000000001',
  identity: '00000000-0000-4000-8000-000000000002',
  optimize: '00000000-0000-4000-8000-000000000003',
  webModelerUi: '00000000-0000-4000-8000-000000000004',
  webModelerApi: '00000000-0000-4000-8000-000000000005',
  console: '00000000-0000-4000-8000-000000000006',
};

function fullSpec(): DeploymentSpecInput {
  return {
    name: 'payments',
    namespace: 'payments-camunda',
    chart: '8.9',
    tenant: { id: TENANT },
    components: {
      orchestration: { url: 'https://camunda.example.com' },
      connectors: {},
      identity: { url: 'https://identity.example.com' },
      optimize: { url: 'https://optimize.example.com' },
      webModeler: { url: 'https://modeler.example.com' },
      console: { url: 'https://console.example.com' },
    },
    clients: GUIDS,
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
  };
}

function problemsOf(input: unknown, requireClients = false) {
  const result = validateDeploymentSpec(input, { requireClients });
  if (result.valid) {
    throw new Error('expected the spec to be invalid');
  }
  return result.problems;
}

describe('validateDeploymentSpec', () => {
  it('accepts the full example and applies the defaults', () => {
    const result = validateDeploymentSpec(fullSpec(), { requireClients: true });
    expect(result).toEqual({
      valid: true,
      spec: expect.objectContaining({
        release: 'camunda',
        tenant: { id: TENANT, cloud: 'global' },
        claims: { username: 'preferred_username', clientId: 'azp' },
        secrets: { entra: 'entra-credentials', camunda: 'camunda-credentials' },
        secretLifetimeDays: 180,
      }),
    });
  });

  it('accepts a spec without clients unless clients are required', () => {
    const { clients, ...withoutClients } = fullSpec();
    expect(validateDeploymentSpec(withoutClients).valid).toBe(true);
    expect(problemsOf(withoutClients, true)).toEqual(
      Object.keys(GUIDS).map(key => ({
        field: `clients.${key}`,
        message: expect.stringContaining('register'),
      })),
    );
  });

  it('reports every problem at once, each naming its field', () => {
    const problems = problemsOf({
      ...fullSpec(),
      name: 'Payments_1',
      tenant: { id: 'contoso.onmicrosoft.com', cloud: 'mars' },
      components: {
        connectors: {},
        optimize: { url: 'http://optimize.example.com' },
        webModeler: { url: 'https://modeler.example.com/#/x' },
        console: { url: 'ftp://console.example.com' },
      },
      clients: { optimize: 'not-a-guid', orchestration: GUIDS.orchestration },
      admins: ['alice'],
      webModeler: undefined,
      unknownField: true,
    });
    const fields = problems.map(problem => problem.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'tenant.id',
        'tenant.cloud',
        'components.optimize.url',
        'components.webModeler.url',
        'components.console.url',
        'components.connectors',
        'components.optimize',
        'components.webModeler',
        'components.console',
        'clients.optimize',
        'clients.orchestration',
        'admins.0',
        'webModeler.fromAddress',
        'unknownField',
      ]),
    );
    const messageOf = (field: string) =>
      problems.filter(problem => problem.field === field).map(p => p.message);
    expect(messageOf('tenant.id')).toEqual([expect.stringMatching(/GUID/)]);
    expect(messageOf('components.optimize.url')).toEqual([
      expect.stringMatching(/http but is not localhost/),
    ]);
    expect(messageOf('components.connectors')).toEqual([
      expect.stringMatching(/Orchestration Cluster/),
    ]);
    expect(messageOf('components.console')).toEqual([
      expect.stringMatching(/Management Identity/),
    ]);
    expect(messageOf('clients.orchestration')).toEqual([
      expect.stringMatching(/not enabled/),
    ]);
  });

  it('still checks component dependencies when another field has the wrong type', () => {
    const problems = problemsOf({
      ...fullSpec(),
      admins: 'alice@example.com',
      components: { console: {} },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'admins', message: 'must be an array, not string' },
        {
          field: 'components.console',
          message: expect.stringMatching(/Management Identity/),
        },
      ]),
    );
  });

  it('allows http only for localhost', () => {
    const spec = fullSpec();
    spec.components.orchestration = { url: 'http://localhost:8080/' };
    spec.components.identity = { url: 'http://127.0.0.1:8084' };
    expect(validateDeploymentSpec(spec).valid).toBe(true);
  });

  it('rejects values that could break out of YAML or shell quoting', () => {
    const spec = fullSpec();
    spec.admins = ['alice@example.com\nadmin: true', 'bob"@example.com'];
    spec.components.optimize = { url: "https://optimize.example.com/a'b" };
    expect(
      problemsOf(spec)
        .map(problem => problem.field)
        .sort(),
    ).toEqual(['admins.0', 'admins.1', 'components.optimize.url']);
  });

  it('only accepts rdbms secondary storage on 8.9 without Optimize', () => {
    const spec = fullSpec();
    spec.chart = '8.8';
    spec.secondaryStorage = {
      type: 'rdbms',
      url: 'jdbc:postgresql://db.example.com:5432/camunda',
      username: 'camunda',
      password: { name: 'db', key: 'password' },
    };
    expect(problemsOf(spec)).toEqual([
      {
        field: 'secondaryStorage.type',
        message: expect.stringMatching(/8\.9/),
      },
      {
        field: 'secondaryStorage.type',
        message: expect.stringMatching(/Optimize/),
      },
    ]);
  });

  it('takes an external search endpoint as protocol, host and port only', () => {
    const spec = {
      ...fullSpec(),
      secondaryStorage: {
        type: 'externalOpensearch',
        url: 'https://search.example.com:9200/prefix',
      },
    };
    expect(problemsOf(spec)).toEqual([
      {
        field: 'secondaryStorage.url',
        message: expect.stringContaining('protocol, host and port only'),
      },
    ]);
    spec.secondaryStorage.url = 'http://opensearch.search.svc:9200';
    expect(validateDeploymentSpec(spec).valid).toBe(true);
  });

  it('requires https for a custom authority host, even on localhost', () => {
    const spec = fullSpec();
    spec.tenant = { id: TENANT, authorityHost: 'http://localhost:8443' };
    expect(problemsOf(spec)).toEqual([
      { field: 'tenant.authorityHost', message: 'must use https' },
    ]);
  });

  it('names the allowed secondary storage types', () => {
    const spec = { ...fullSpec(), secondaryStorage: { type: 'mongodb' } };
    expect(problemsOf(spec)).toEqual([
      {
        field: 'secondaryStorage.type',
        message: expect.stringContaining('externalOpensearch'),
      },
    ]);
  });

  it('accepts an Azure Key Vault secret store read by an External Secrets store', () => {
    const secretStore = {
      type: 'azureKeyVault',
      vaultUrl: 'https://payments-kv.vault.azure.net',
      storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
    } as const;
    expect(validateDeploymentSpec({ ...fullSpec(), secretStore })).toEqual({
      valid: true,
      spec: expect.objectContaining({ secretStore }),
    });
    // The sandbox's vault is not on an Azure host.
    expect(
      validateDeploymentSpec({
        ...fullSpec(),
        secretStore: { ...secretStore, vaultUrl: 'https://localhost:8443/' },
      }).valid,
    ).toBe(true);
  });

  it('names the wrong fields of a secret store', () => {
    expect(
      problemsOf({
        ...fullSpec(),
        secretStore: {
          type: 'hashicorpVault',
          vaultUrl: 'https://payments-kv.vault.azure.net/secrets',
          storeRef: { kind: 'Secret', name: 'Azure_KV' },
        },
      }),
    ).toEqual([
      {
        field: 'secretStore.type',
        message: 'must be one of azureKeyVault',
      },
      {
        field: 'secretStore.vaultUrl',
        message: expect.stringContaining('(no path)'),
      },
      {
        field: 'secretStore.storeRef.kind',
        message: 'must be SecretStore or ClusterSecretStore',
      },
      {
        field: 'secretStore.storeRef.name',
        message: expect.stringContaining('DNS subdomain'),
      },
    ]);
    expect(
      problemsOf({
        ...fullSpec(),
        secretStore: {
          type: 'azureKeyVault',
          vaultUrl: 'http://payments-kv.vault.azure.net',
        },
      }),
    ).toEqual([
      { field: 'secretStore.vaultUrl', message: 'must use https' },
      {
        field: 'secretStore',
        message: expect.stringMatching(/^needs workloadIdentity\.clientId/),
      },
    ]);
  });

  it("reads the vault through the deployment's own SecretStore or a named store, exactly one", () => {
    const vault = {
      type: 'azureKeyVault',
      vaultUrl: 'https://payments-kv.vault.azure.net',
    } as const;
    const workloadIdentity = {
      clientId: '7c3e1f00-0000-4000-8000-00000000a11c',
    };
    const storeRef = { kind: 'ClusterSecretStore', name: 'azure-kv' } as const;

    expect(
      validateDeploymentSpec({
        ...fullSpec(),
        secretStore: { ...vault, workloadIdentity },
      }).valid,
    ).toBe(true);
    expect(problemsOf({ ...fullSpec(), secretStore: vault })).toEqual([
      {
        field: 'secretStore',
        message:
          "needs workloadIdentity.clientId (the deployment's own SecretStore, the default) or storeRef (an existing store)",
      },
    ]);
    expect(
      problemsOf({
        ...fullSpec(),
        secretStore: { ...vault, workloadIdentity, storeRef },
      }),
    ).toEqual([
      {
        field: 'secretStore.storeRef',
        message:
          "name workloadIdentity (the deployment's own SecretStore) or storeRef (an existing store), not both",
      },
    ]);
    expect(
      problemsOf({
        ...fullSpec(),
        secretStore: { ...vault, workloadIdentity: { clientId: 'reader' } },
      }).map(problem => problem.field),
    ).toEqual(['secretStore.workloadIdentity.clientId']);
  });

  it('words the wrong types, values and record keys of a spec', () => {
    expect(
      problemsOf({
        ...fullSpec(),
        chart: 8.9,
        secretLifetimeDays: 1.5,
        tenant: { id: TENANT, cloud: null },
        clients: { ...GUIDS, machine: { CI: GUIDS.console } },
      }),
    ).toEqual([
      { field: 'chart', message: 'must be "8.8", "8.9" or "8.10"' },
      { field: 'tenant.cloud', message: 'must be global, usgov or china' },
      {
        field: 'clients.machine.CI',
        message: expect.stringContaining('must be a DNS label'),
      },
      {
        field: 'secretLifetimeDays',
        message: 'must be a whole number of days',
      },
      {
        field: 'clients.machine.CI',
        message: 'is set but machineClients has no client of that name',
      },
    ]);
    expect(problemsOf({ ...fullSpec(), chart: undefined })).toEqual([
      { field: 'chart', message: 'is required' },
    ]);
  });

  it('requires the fields that have no default', () => {
    expect(problemsOf({}).map(problem => problem.field)).toEqual([
      'name',
      'namespace',
      'chart',
      'tenant',
      'components',
      'admins',
    ]);
  });
});

describe('validateSecretStoreSpec', () => {
  it('reads a store on its own, naming fields relative to it', () => {
    const store = {
      type: 'azureKeyVault',
      vaultUrl: 'https://payments-kv.vault.azure.net',
      storeRef: { kind: 'ClusterSecretStore', name: 'azure-kv' },
    } as const;
    expect(validateSecretStoreSpec(store)).toEqual({ valid: true, store });
    expect(
      validateSecretStoreSpec({ ...store, storeRef: { kind: 'Secret' } }),
    ).toEqual({
      valid: false,
      problems: [
        {
          field: 'storeRef.kind',
          message: 'must be SecretStore or ClusterSecretStore',
        },
        { field: 'storeRef.name', message: 'is required' },
      ],
    });
  });
});
