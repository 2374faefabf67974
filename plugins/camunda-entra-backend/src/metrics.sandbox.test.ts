import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { DeploymentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createServer } from 'node:net';
import request from 'supertest';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import {
  ALICE,
  as,
  BOB,
  ENTITY_REF,
  startSandboxPortal,
} from './__testUtils__/sandboxPortal';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.secret.rotate': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * The dev portal's export, as instrumentation.js sets it up: the global meter provider, which
 * Backstage's metrics service uses, read by the Prometheus exporter, scraped over HTTP.
 */
describe('metrics scraped from the Prometheus exporter', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let provider: MeterProvider;
  let scrapeUrl: string;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 7 });
    const port = await freePort();
    provider = new MeterProvider({
      readers: [new PrometheusExporter({ port })],
    });
    metrics.setGlobalMeterProvider(provider);
    scrapeUrl = `http://localhost:${port}/metrics`;
  });
  afterAll(async () => {
    await provider.shutdown();
    await sandbox.stop();
  });

  const scrape = async () => (await fetch(scrapeUrl)).text();

  /**
   * The value of the series `name` with `labels` (as scraped, in order; the exporter adds its
   * own otel_scope_name after them), once it is there.
   */
  async function valueOf(name: string, labels = ''): Promise<number> {
    const prefix = `${name}{${labels}`;
    for (let i = 0; i < 100; i++) {
      const line = (await scrape())
        .split('\n')
        .find(
          text =>
            text.startsWith(prefix) &&
            (labels === '' || /^[,}]/.test(text.slice(prefix.length))),
        );
      if (line) {
        return Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`no series ${prefix} in:\n${await scrape()}`);
  }

  it("exports each watched secret's end date, each deployment's health, requests by kind and outcome, and Graph requests", async () => {
    const { server, provision, status } = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink: new MemorySecretSink(),
      grants: GRANTS,
      monitoring: {},
      scheduler: mockServices.scheduler(),
    });
    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ spec: FULL_SPEC, entityRef: ENTITY_REF });
    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/reject`)
      .set('Authorization', as(BOB))
      .send({ comment: 'not this week' })
      .expect(200);
    sandbox.admin.injectError({ status: 429, count: 1, retryAfterSeconds: 0 });
    await provision();

    expect(
      await valueOf(
        'camunda_entra_requests_total',
        'kind="provision",outcome="rejected"',
      ),
    ).toBe(1);
    expect(
      await valueOf(
        'camunda_entra_requests_total',
        'kind="provision",outcome="provisioned"',
      ),
    ).toBe(1);
    const { body } = await status(ALICE);
    const deployment: DeploymentEntraStatus = body;
    const secrets = deployment.components.flatMap(component =>
      component.secrets.map(secret => ({ client: component.client, secret })),
    );
    expect(secrets.length).toBeGreaterThan(0);

    for (const { client, secret } of secrets) {
      expect(
        await valueOf(
          'camunda_entra_client_secret_expiry_timestamp_seconds',
          `deployment="${FULL_SPEC.name}",client="${client}",key_id="${secret.keyId}"`,
        ),
      ).toBe(Date.parse(secret.endDateTime) / 1000);
    }
    const health = (value: string) =>
      valueOf(
        'camunda_entra_deployment_health',
        `deployment="${FULL_SPEC.name}",health="${value}"`,
      );
    for (const value of ['ok', 'warning', 'error', 'unknown']) {
      expect(await health(value)).toBe(value === deployment.health ? 1 : 0);
    }
    expect(await valueOf('camunda_entra_graph_throttled_total')).toBe(1);
    // HTTP requests: a $batch counts once, as the sandbox counts it.
    expect(await valueOf('camunda_entra_graph_requests_total')).toBe(
      sandbox.admin.counters().graphRequests,
    );
  });
});
