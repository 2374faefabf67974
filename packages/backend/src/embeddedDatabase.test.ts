import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import camundaEntraPlugin from '@camunda-entra/plugin-camunda-entra-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

// Two backend starts, each running the migrations of the catalog and the plugin.
jest.setTimeout(120_000);

const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

describe("the dev portal's embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-database-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a SQLite folder under .camunda-entra/, next to the sandbox state', () => {
    const { client, connection } = appConfig.backend.database;
    expect(client).toBe('better-sqlite3');
    // Relative to packages/backend, where the backend runs.
    expect(path.resolve(__dirname, '..', connection.directory)).toBe(
      path.resolve(__dirname, '../../../.camunda-entra/database'),
    );
  });

  it('keeps requests and the catalog across a restart', async () => {
    const start = () =>
      startTestBackend({
        features: [
          catalogPlugin,
          camundaEntraPlugin,
          // The real database service with the dev portal's settings, in a temporary folder.
          databaseServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              backend: {
                database: {
                  ...appConfig.backend.database,
                  connection: { directory: dir },
                },
              },
              catalog: { rules: [{ allow: ['Location', 'Component'] }] },
              camundaEntra: {
                secretSink: {
                  type: 'local',
                  local: { directory: path.join(dir, 'secrets') },
                },
              },
            },
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async () => {} }),
          }),
        ],
      });
    const call = async (
      baseUrl: string,
      url: string,
      init: { method?: string; body?: unknown } = {},
    ) => {
      const response = await fetch(`${baseUrl}${url}`, {
        method: init.method ?? 'GET',
        headers: { 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      return { status: response.status, body: await response.json() };
    };
    const urlOf = (backend: Awaited<ReturnType<typeof start>>) =>
      `http://localhost:${(backend.server.address() as { port: number }).port}`;

    const first = await start();
    const created = await call(urlOf(first), '/api/camunda-entra/requests', {
      method: 'POST',
      body: {
        spec: {
          name: 'payments',
          namespace: 'payments-camunda',
          chart: '8.9',
          tenant: { id: '7e57ab1e-5a4d-4b0c-8000-00000000e1d1' },
          components: { orchestration: {} },
          admins: ['alice@example.com'],
        },
      },
    });
    const location = await call(urlOf(first), '/api/catalog/locations', {
      method: 'POST',
      body: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
    });
    await first.stop();
    expect([created.status, location.status]).toEqual([201, 201]);

    const second = await start();
    const request = await call(
      urlOf(second),
      `/api/camunda-entra/requests/${created.body.id}`,
    );
    const locations = await call(urlOf(second), '/api/catalog/locations');
    await second.stop();

    expect(request).toMatchObject({
      status: 200,
      body: { id: created.body.id, state: 'pending' },
    });
    expect(
      locations.body.map((item: any) => item.data?.target ?? item.target),
    ).toContain('https://example.com/catalog-info.yaml');
  });
});
