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
  },
  baseDomain: 'camunda.example.com',
  admin: 'alice@example.com',
  webModelerFromAddress: 'noreply@example.com',
  secretLifetimeDays: 180,
  publish: 'local',
};

describe('the Camunda template, dry run through the scaffolder', () => {
  const repos = createMockDirectory();

  async function dryRun(values: Record<string, unknown>) {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleCamundaEntra,
        catalogServiceMock.factory(),
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
    const values = parse(
      Buffer.from(
        response.body.directoryContents.find(
          (file: { path: string }) => file.path === 'values.yaml',
        ).base64Content,
        'base64',
      ).toString('utf8'),
    );
    expect(values.global.identity.auth.optimize.clientId).toBe(
      '00000000-0000-4000-8000-000000000003',
    );
    expect(values.identity.fullURL).toBe(
      'https://payments-identity.camunda.example.com',
    );
    expect(response.body.steps.map((step: { id: string }) => step.id)).toEqual([
      'spec',
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
});
