import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'fs';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { validateDeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { guideSpec } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { scaffolderModuleCamundaEntra } from './module';

const template = parse(
  readFileSync(
    path.resolve(__dirname, '../../../templates/camunda-entra/template.yaml'),
    'utf8',
  ),
);

/** What a developer who accepts every default and names the deployment submits. */
const formValues = {
  name: 'payments',
  owner: 'group:default/platform-team',
  chart: '8.9',
  environment: 'development',
  namespace: 'payments-camunda',
  components: {
    orchestration: true,
    connectors: true,
    identity: true,
    optimize: true,
    webModeler: true,
    console: true,
    camundaHub: true,
  },
  baseDomain: 'camunda.example.com',
  admin: 'alice@example.com',
  webModelerFromAddress: 'noreply@example.com',
  secretLifetimeDays: 180,
  publish: 'local',
};

/** The form's pattern for a machine client name. */
function machineClientNamePattern(): RegExp {
  const page = template.spec.parameters.find(
    (parameters: any) => parameters.title === 'Machine clients',
  );
  return new RegExp(
    page.properties.machineClients.items.properties.name.pattern,
    'u',
  );
}

const ADMINS_GROUP_ID = '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a';

/** A group as the Microsoft Graph catalog module ingests it. */
const ADMINS_GROUP = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'camunda-admins',
    namespace: 'default',
    annotations: { 'graph.microsoft.com/group-id': ADMINS_GROUP_ID },
  },
  spec: { type: 'team', children: [] },
};

function generatedFile(body: any, name: string): string {
  return Buffer.from(
    body.directoryContents.find((file: { path: string }) => file.path === name)
      .base64Content,
    'base64',
  ).toString('utf8');
}

describe('the Camunda template, dry run through the scaffolder', () => {
  const repos = createMockDirectory();

  async function dryRun(values: Record<string, unknown>) {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleCamundaEntra,
        catalogServiceMock.factory({ entities: [ADMINS_GROUP] }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              publish: { local: { enabled: true, directory: repos.path } },
            },
          },
        }),
      ],
    });
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .send({ template, values, directoryContents: [] });
  }

  it('runs every step of the local flow and generates the values repository', async () => {
    const response = await dryRun(formValues);

    expect({
      status: response.status,
      body: response.status === 200 ? 'ok' : response.body,
    }).toEqual({ status: 200, body: 'ok' });
    const messages: string[] = response.body.log.map(
      (entry: { body: { message: string } }) => entry.body.message,
    );
    expect(messages.join('\n')).not.toMatch(/failed|error/i);
    const files = response.body.directoryContents.map(
      (file: { path: string }) => file.path,
    );
    expect(files).toEqual(
      expect.arrayContaining(['values.yaml', 'README.md', 'catalog-info.yaml']),
    );
    const values = parse(generatedFile(response.body, 'values.yaml'));
    expect(values.global.identity.auth.optimize.clientId).toBe(
      '00000000-0000-4000-8000-000000000003',
    );
    expect(values.identity.fullURL).toBe(
      'https://payments-identity.camunda.example.com',
    );
    expect(response.body.steps.map((step: { id: string }) => step.id)).toEqual([
      'spec',
      'find',
      'request',
      'values',
      'publish-local',
      'publish-pr',
      'register-local',
      'register-pr',
    ]);
    expect(response.body.output.links).toContainEqual({
      title: 'Open in catalog',
      icon: 'catalog',
      entityRef: 'component:default/camunda-payments',
    });
    // Nothing was published for real.
    expect(repos.content()).toEqual({});
  });

  it('brings an existing deployment: the client IDs given and those found by display name go into the values', async () => {
    const orchestration = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const response = await dryRun({
      ...formValues,
      chart: '8.8',
      existing: true,
      existingClients: { orchestration },
      existingDisplayNames: { optimize: 'payments-optimize' },
    });

    expect({
      status: response.status,
      body: response.status === 200 ? 'ok' : response.body,
    }).toEqual({ status: 200, body: 'ok' });
    const messages: string[] = response.body.log.map(
      (entry: { body: { message: string } }) => entry.body.message,
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /Dry run: would adopt \d+ Entra applications for payments/,
      ),
    );
    const values = parse(generatedFile(response.body, 'values.yaml'));
    expect(values.orchestration.security.authentication.oidc.clientId).toBe(
      orchestration,
    );
  });

  it('offers 8.10 as a preview, with Camunda Hub and the external services its chart no longer installs', async () => {
    const chart = template.spec.parameters[0].properties.chart;
    expect(chart.enumNames[chart.enum.indexOf('8.10')]).toBe(
      'Camunda 8.10 (chart 15.x, preview)',
    );
    const response = await dryRun({
      ...formValues,
      chart: '8.10',
      external: {
        postgresHost: 'postgres.payments.svc.cluster.local',
        postgresSecret: 'payments-databases',
        searchType: 'externalElasticsearch',
        searchUrl: 'https://search.example.com:9200',
      },
    });

    expect({
      status: response.status,
      body: response.status === 200 ? 'ok' : response.body,
    }).toEqual({ status: 200, body: 'ok' });
    const messages = response.body.log
      .map((entry: { body: { message: string } }) => entry.body.message)
      .join('\n');
    // Every default component this line has: Web Modeler and Console give way to Camunda Hub.
    expect(messages).toContain(
      'Deployment payments: orchestration, connectors, identity, optimize, camundaHub',
    );
    const values = parse(generatedFile(response.body, 'values.yaml'));
    expect(values.camundaHub.restapi.externalDatabase).toEqual({
      host: 'postgres.payments.svc.cluster.local',
      port: 5432,
      database: 'camunda-hub',
      username: 'camunda-hub',
      secret: {
        existingSecret: 'payments-databases',
        existingSecretKey: 'camunda-hub-database-password',
      },
    });
    expect(values.global.identity.auth.camundaHub.redirectUrl).toBe(
      'https://payments-hub.camunda.example.com',
    );
    expect(values.global.identity.auth).not.toHaveProperty('console');
  });

  it('names the external services an 8.10 form leaves out', async () => {
    const response = await dryRun({ ...formValues, chart: '8.10' });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'databases.identity: is required on chart 8.10',
    );
    expect(response.body.error.message).toContain(
      'secondaryStorage: is required on chart 8.10',
    );
  });

  it('refuses a form without the required fields', async () => {
    const response = await dryRun({ ...formValues, admin: undefined });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toMatch(
      /requires property \\"admin\\"/,
    );
  });

  it('leaves out components whose prerequisite is not selected', async () => {
    const response = await dryRun({
      ...formValues,
      components: { ...formValues.components, orchestration: false },
    });

    expect(response.status).toBe(200);
    const messages = response.body.log
      .map((entry: { body: { message: string } }) => entry.body.message)
      .join('\n');
    expect(messages).toContain(
      'Deployment payments: identity, optimize, webModeler, console',
    );
  });

  it('stops at the spec step, before any request, for a deployment Entra cannot sign in to', async () => {
    const response = await dryRun({
      ...formValues,
      baseDomain: undefined,
      urls: { optimize: 'http://optimize.example.com' },
    });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'The form does not describe a valid deployment: components.optimize.url: uses http but is not localhost; Entra accepts http redirect URIs only for localhost, use https',
    );
  });

  it('accepts exactly the machine client names the spec accepts', () => {
    const spec = guideSpec({
      tenantId: '7e57ab1e-5a4d-4b0c-8000-00000000e1d1',
      authorityHost: 'https://login.microsoftonline.com',
      url: 'https://graph.microsoft.com',
    });
    const specAccepts = (name: string) =>
      validateDeploymentSpec({
        ...spec,
        machineClients: [
          {
            name,
            authorizations: [
              {
                resourceType: 'PROCESS_DEFINITION',
                resourceId: '*',
                permissions: ['READ_PROCESS_DEFINITION'],
              },
            ],
          },
        ],
      }).valid;
    const pattern = machineClientNamePattern();
    const names = [
      'payments-worker',
      'machinery',
      'ci',
      'a1',
      'machine',
      'ci-machine',
      'machine-ci',
      'a-machine-b',
      'orchestration',
      'ci-optimize',
      'x-web-modeler-api',
      'camunda-hub-ui',
      'x-camunda-hub-api',
      'camunda-hubs',
      'console',
      'consoles',
      'my-identity-sync',
      'Worker',
      '-worker',
      'worker-',
      'a'.repeat(41),
    ];
    expect(names.filter(name => pattern.test(name))).toEqual(
      names.filter(specAccepts),
    );
    expect(names.filter(specAccepts)).toEqual([
      'payments-worker',
      'machinery',
      'ci',
      'a1',
      'camunda-hubs',
      'consoles',
      'my-identity-sync',
    ]);
  });

  it('turns machine clients and the administrators group into authorizations, secrets and annotations', async () => {
    const response = await dryRun({
      ...formValues,
      adminGroup: 'group:default/camunda-admins',
      machineClients: [{ name: 'payments-worker', presets: ['job-worker'] }],
    });

    expect({
      status: response.status,
      body: response.status === 200 ? 'ok' : response.body,
    }).toEqual({ status: 200, body: 'ok' });
    const values = parse(generatedFile(response.body, 'values.yaml'));
    const { initialization } = values.orchestration.security;
    const catalogInfo = parse(
      generatedFile(response.body, 'catalog-info.yaml'),
    );
    const workerId =
      catalogInfo.metadata.annotations[
        'camunda-entra.io/client-id.machine.payments-worker'
      ];
    expect(workerId).toMatch(/^00000000-0000-4000-8000-/);
    expect(initialization.authorizations).toEqual([
      {
        ownerType: 'CLIENT',
        ownerId: workerId,
        resourceType: 'PROCESS_DEFINITION',
        resourceId: '*',
        permissions: ['READ_PROCESS_DEFINITION', 'UPDATE_PROCESS_INSTANCE'],
      },
    ]);
    expect(initialization.mappingRules).toEqual([
      expect.objectContaining({ claimValue: ADMINS_GROUP_ID }),
    ]);
    expect(generatedFile(response.body, 'README.md')).toContain(
      'machine-payments-worker-client-secret',
    );
    expect(JSON.stringify(values)).not.toContain('machine-payments-worker');
  });
});
