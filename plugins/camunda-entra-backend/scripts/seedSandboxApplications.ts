import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  APPLICATION_TAGS,
  DefaultEntraDirectory,
  deploymentTag,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import knexFactory from 'knex';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { deploymentEntity } from '../src/__testUtils__/entities';
import { sandboxDirectoryConfig } from '../src/__testUtils__/sandboxDirectory';
import { DatabaseRequestStore } from '../src/database/DatabaseRequestStore';

const CLIENTS = [
  'orchestration',
  'connectors',
  'identity',
  'optimize',
  'webModelerUi',
  'console',
] as const;
/** The confidential clients, which have a secret. */
const WITH_SECRET = new Set([
  'orchestration',
  'connectors',
  'identity',
  'optimize',
]);

interface BatchStep {
  id: string;
  method: 'PATCH' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body: unknown;
}

/** A minimal HTTPS client of the sandbox: fast seeding through `$batch`, as a tenant admin would script it. */
function sandboxClient(sandbox: EntraSandbox) {
  const agent = new https.Agent({ ca: sandbox.caPem, keepAlive: true });
  const post = (url: string, body: string, headers: Record<string, string>) =>
    new Promise<any>((resolve, reject) => {
      const request = https.request(
        url,
        { method: 'POST', agent, headers },
        response => {
          let text = '';
          response.on('data', chunk => (text += chunk));
          response.on('end', () => {
            if ((response.statusCode ?? 500) >= 300) {
              reject(new Error(`${url}: ${response.statusCode} ${text}`));
            } else {
              resolve(JSON.parse(text));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  let token: Promise<string> | undefined;
  const accessToken = () =>
    (token ??= post(
      `${sandbox.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        scope: `${sandbox.url}/.default`,
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded' },
    ).then(answer => answer.access_token as string));
  return {
    async batch(
      steps: BatchStep[],
    ): Promise<Array<{ id: string; status: number; body: any }>> {
      const answer = await post(
        `${sandbox.url}/v1.0/$batch`,
        JSON.stringify({ requests: steps }),
        {
          authorization: `Bearer ${await accessToken()}`,
          'content-type': 'application/json',
        },
      );
      const failed = answer.responses.find((r: any) => r.status >= 300);
      if (failed) {
        throw new Error(`seeding failed: ${JSON.stringify(failed)}`);
      }
      return answer.responses;
    },
    close: () => agent.destroy(),
  };
}

async function inBatches<T>(
  items: T[],
  toStep: (item: T, index: number) => BatchStep,
  client: ReturnType<typeof sandboxClient>,
) {
  const results: any[] = new Array(items.length);
  const groups: number[][] = [];
  for (let i = 0; i < items.length; i += 20) {
    groups.push(
      [...Array(Math.min(20, items.length - i)).keys()].map(k => i + k),
    );
  }
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++];
      const answers = await client.batch(
        group.map(index => ({
          ...toStep(items[index], index),
          id: String(index),
        })),
      );
      for (const answer of answers) {
        results[Number(answer.id)] = answer.body;
      }
    }
  };
  await Promise.all([...Array(8)].map(worker));
  return results;
}

/**
 * Creates `deployments` deployments of six tagged applications each, four of them with a
 * client secret of `secretLifetimeDays`, through Graph `$batch`es; returns them by deployment.
 */
export async function seedSandboxApplications(
  sandbox: EntraSandbox,
  deployments: number,
  secretLifetimeDays: number,
): Promise<
  Array<{
    deployment: string;
    clients: Array<{ client: string; appId: string }>;
  }>
> {
  const client = sandboxClient(sandbox);
  try {
    const apps = [...Array(deployments).keys()].flatMap(d =>
      CLIENTS.map(c => ({ deployment: `bench-${d}`, client: c })),
    );
    const created = await inBatches(
      apps,
      app => ({
        id: '',
        method: 'PATCH',
        url: `/applications(uniqueName='camunda-${app.deployment}-${app.client}')`,
        headers: {
          Prefer: 'create-if-missing',
          'content-type': 'application/json',
        },
        body: {
          displayName: `Camunda ${app.deployment} ${app.client}`,
          tags: [
            APPLICATION_TAGS.product,
            deploymentTag(app.deployment),
            `${APPLICATION_TAGS.clientPrefix}${app.client}`,
          ],
        },
      }),
      client,
    );
    const endDateTime = new Date(
      Date.now() + secretLifetimeDays * 86_400_000,
    ).toISOString();
    const confidential = apps
      .map((app, index) => ({ ...app, id: created[index].id as string }))
      .filter(app => WITH_SECRET.has(app.client));
    await inBatches(
      confidential,
      app => ({
        id: '',
        method: 'POST',
        url: `/applications/${app.id}/addPassword`,
        headers: { 'content-type': 'application/json' },
        body: { passwordCredential: { displayName: 'bench', endDateTime } },
      }),
      client,
    );
    const byDeployment = new Map<
      string,
      Array<{ client: string; appId: string }>
    >();
    apps.forEach((app, index) => {
      const list = byDeployment.get(app.deployment) ?? [];
      list.push({ client: app.client, appId: created[index].appId });
      byDeployment.set(app.deployment, list);
    });
    return [...byDeployment].map(([deployment, clients]) => ({
      deployment,
      clients,
    }));
  } finally {
    client.close();
  }
}

/**
 * What the monitoring benchmarks share: `--deployments` (default `defaultDeployments`) and
 * `--latency-ms` (default 20) from the command line, a sandbox seeded with that many
 * deployments, their catalog entities, a migrated in-memory database and directory clients.
 */
export async function startSeededSandbox(defaultDeployments: number) {
  const { values } = parseArgs({
    options: {
      deployments: { type: 'string' },
      'latency-ms': { type: 'string' },
    },
  });
  const count = Number(values.deployments ?? defaultDeployments);
  const latencyMs = Number(values['latency-ms'] ?? 20);
  // Seeding writes thousands of objects at once; Graph's write budget would take minutes.
  const unlimited = { limit: 1_000_000, windowSeconds: 1 };
  const sandbox = await startEntraSandbox({
    seed: 1,
    throttling: { appWrites: unlimited, tenantRequests: unlimited },
  });
  const seedStarted = Date.now();
  const deployments = await seedSandboxApplications(sandbox, count, 180);
  const seedMs = Date.now() - seedStarted;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const database = mockServices.database({ knex });
  const store = await DatabaseRequestStore.create({ database });
  return {
    sandbox,
    deployments,
    count,
    latencyMs,
    seedMs,
    database,
    store,
    entities: deployments.map(d =>
      deploymentEntity({
        deployment: d.deployment,
        tenantId: sandbox.tenantId,
        clients: d.clients,
        owner: 'group:default/platform-team',
      }),
    ),
    /** A fresh client: its sign-in and connections are part of a measurement. */
    directory: () =>
      DefaultEntraDirectory.create(
        resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
      ),
    /** The configuration's defaults. */
    thresholds: { warningDays: 30, criticalDays: 7 },
    stop: async () => {
      await sandbox.stop();
      await knex.destroy();
    },
  };
}
