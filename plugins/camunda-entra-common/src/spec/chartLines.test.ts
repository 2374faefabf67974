import { planEntraApplications } from './applications';
import { CHART_LINE_COMPONENTS } from './chartLines';
import { validateDeploymentSpec } from './deploymentSpec';
import type { DeploymentSpecInput } from './types';

const DATABASE = {
  host: 'postgres.example.com',
  database: 'identity',
  username: 'identity',
  password: { name: 'databases', key: 'identity-password' },
};

function spec810(): DeploymentSpecInput {
  return {
    name: 'payments',
    namespace: 'payments-camunda',
    chart: '8.10',
    tenant: { id: '6f1c2f43-1111-4222-8333-444455556666' },
    components: {
      orchestration: { url: 'https://camunda.example.com' },
      connectors: {},
      identity: { url: 'https://identity.example.com' },
      optimize: { url: 'https://optimize.example.com' },
      camundaHub: { url: 'https://hub.example.com' },
    },
    clients: {
      orchestration: '00000000-0000-4000-8000-000000000001',
      identity: '00000000-0000-4000-8000-000000000002',
      optimize: '00000000-0000-4000-8000-000000000003',
      camundaHubUi: '00000000-0000-4000-8000-000000000007',
      camundaHubApi: '00000000-0000-4000-8000-000000000008',
    },
    admins: ['alice@example.com'],
    camundaHub: { fromAddress: 'noreply@example.com' },
    databases: {
      identity: DATABASE,
      camundaHub: { ...DATABASE, database: 'hub', username: 'hub' },
    },
    secondaryStorage: {
      type: 'externalElasticsearch',
      url: 'https://search.example.com:9200',
    },
  };
}

function problemsOf(input: unknown) {
  const result = validateDeploymentSpec(input, { requireClients: true });
  return result.valid ? [] : result.problems;
}

describe('the 8.10 line (preview)', () => {
  it('accepts every component it has, with its databases and secondary storage', () => {
    expect(problemsOf(spec810())).toEqual([]);
    expect(CHART_LINE_COMPONENTS['8.10']).toEqual([
      'orchestration',
      'connectors',
      'identity',
      'optimize',
      'camundaHub',
    ]);
  });

  it('refuses Web Modeler and Console, which Camunda Hub replaces, and Camunda Hub before 8.10', () => {
    const input = spec810();
    input.components.webModeler = {};
    input.components.console = {};
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        {
          field: 'components.webModeler',
          message:
            'is not part of Camunda 8.10: Camunda Hub (components.camundaHub) replaces Web Modeler and Console from 8.10 on',
        },
        {
          field: 'components.console',
          message:
            'is not part of Camunda 8.10: Camunda Hub (components.camundaHub) replaces Web Modeler and Console from 8.10 on',
        },
      ]),
    );
    expect(problemsOf({ ...spec810(), chart: '8.9' })).toEqual(
      expect.arrayContaining([
        {
          field: 'components.camundaHub',
          message:
            'is not part of Camunda 8.9: Camunda Hub comes with chart 8.10; use components.webModeler and components.console before it',
        },
        {
          field: 'databases',
          message:
            'is for chart 8.10; chart 8.9 installs its own PostgreSQL databases',
        },
      ]),
    );
  });

  it('requires the databases and the secondary storage the chart no longer installs', () => {
    const { databases, secondaryStorage, camundaHub, ...input } = spec810();
    expect(problemsOf(input)).toEqual([
      {
        field: 'camundaHub.fromAddress',
        message:
          'is required when Camunda Hub is enabled (the chart refuses to render without a sender address)',
      },
      {
        field: 'databases.identity',
        message:
          'is required on chart 8.10 with Management Identity: the chart no longer installs a PostgreSQL database for it',
      },
      {
        field: 'databases.camundaHub',
        message:
          'is required on chart 8.10 with Camunda Hub: the chart no longer installs a PostgreSQL database for it',
      },
      {
        field: 'secondaryStorage',
        message:
          'is required on chart 8.10 with the Orchestration Cluster or Optimize: the chart installs no Elasticsearch; name an external Elasticsearch, OpenSearch or a relational database',
      },
    ]);
    expect(
      problemsOf({ ...spec810(), secondaryStorage: { type: 'elasticsearch' } }),
    ).toEqual([
      {
        field: 'secondaryStorage.type',
        message:
          'elasticsearch (installed by the chart) is not available on chart 8.10, which bundles no Elasticsearch; use externalElasticsearch, externalOpensearch or rdbms',
      },
    ]);
  });

  it('refuses a database of a component that is not enabled', () => {
    const input = spec810();
    delete input.components.camundaHub;
    delete input.clients!.camundaHubUi;
    delete input.clients!.camundaHubApi;
    delete input.camundaHub;
    expect(problemsOf(input)).toEqual([
      {
        field: 'databases.camundaHub',
        message:
          'is set but Camunda Hub is not enabled (components.camundaHub)',
      },
    ]);
  });

  it('plans Camunda Hub as a single-page UI application and a confidential API application', () => {
    const result = validateDeploymentSpec(spec810());
    if (!result.valid) {
      throw new Error(JSON.stringify(result.problems));
    }
    const hub = planEntraApplications(result.spec).filter(application =>
      application.components.includes('camundaHub'),
    );
    expect(hub).toEqual([
      {
        client: 'camundaHubUi',
        displayName: 'Camunda payments Camunda Hub UI',
        uniqueName: 'camunda-payments-camunda-hub-ui',
        platform: 'spa',
        redirectUris: ['https://hub.example.com/login-callback'],
        needsSecret: false,
        components: ['camundaHub'],
        optionalClaims: ['preferred_username'],
      },
      {
        client: 'camundaHubApi',
        displayName: 'Camunda payments Camunda Hub API',
        uniqueName: 'camunda-payments-camunda-hub-api',
        platform: 'none',
        redirectUris: [],
        needsSecret: true,
        components: ['camundaHub'],
        optionalClaims: ['preferred_username'],
      },
    ]);
  });

  it("refuses machine client names that end in Camunda Hub's application names", () => {
    const input = {
      ...spec810(),
      machineClients: ['x-camunda-hub-ui', 'camunda-hub-api'].map(name => ({
        name,
        authorizations: [
          {
            resourceType: 'RESOURCE',
            resourceId: '*',
            permissions: ['READ'],
          },
        ],
      })),
    };
    expect(
      problemsOf(input)
        .filter(problem => problem.field.endsWith('.name'))
        .map(problem => problem.field),
    ).toEqual(['machineClients.0.name', 'machineClients.1.name']);
  });
});
