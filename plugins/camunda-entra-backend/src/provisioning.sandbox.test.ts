import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  CamundaEntraRequest,
  EntraClientKey,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ENTRA_SECRET_KEYS,
  MICROSOFT_GRAPH_APP_ID,
  SIGN_IN_SCOPES,
} from '@camunda-entra/plugin-camunda-entra-node';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { mkdtemp, readFile, rm } from 'fs/promises';
import { Knex } from 'knex';
import { tmpdir } from 'os';
import path from 'path';
import request from 'supertest';
import { parse } from 'yaml';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import { sandboxDirectoryConfig } from './__testUtils__/sandboxDirectory';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { camundaEntraPlugin } from './plugin';
import { secretDisplayName } from './secrets/deliverRequestSecrets';
import { camundaEntraSecretSinkServiceRef } from '@camunda-entra/plugin-camunda-entra-node';

const ALICE = mockCredentials.user.header('user:default/alice');
const byUniqueName = (a: { uniqueName: string }, b: { uniqueName: string }) =>
  a.uniqueName.localeCompare(b.uniqueName);

/** The properties of an application in the sandbox that the approver's plan describes. */
interface WrittenApplication {
  uniqueName: string;
  web: { redirectUris: string[] };
  spa: { redirectUris: string[] };
  requiredResourceAccess: Array<{
    resourceAppId: string;
    resourceAccess: Array<{ id: string }>;
  }>;
  optionalClaims?: {
    idToken?: Array<{ name: string }>;
    accessToken?: Array<{ name: string }>;
  };
  groupMembershipClaims?: string | null;
}
const databases = createTestDatabases();

/**
 * The backend with the real directory client against the local Entra sandbox, configured
 * the way the dev portal is (camundaEntra.directory).
 */
jest.setTimeout(30_000);

describe('provisioning against the Entra sandbox', () => {
  let sandbox: EntraSandbox;
  let secretsDir: string;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 5 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    sandbox.admin.resetDirectory();
    secretsDir = await mkdtemp(path.join(tmpdir(), 'camunda-entra-secrets-'));
  });
  afterEach(() => rm(secretsDir, { recursive: true, force: true }));

  /** `scheduler` for a test that runs the plugin's tasks itself. */
  function startBackend(
    knex: Knex,
    options: { sink?: MemorySecretSink; scheduler?: SchedulerService } = {},
  ) {
    const { sink, scheduler } = options;
    return startTestBackend({
      features: [
        camundaEntraPlugin,
        // A scheduler of its own, as a restarted process has (the default one is shared).
        scheduler
          ? createServiceFactory({
              service: coreServices.scheduler,
              deps: {},
              factory: () => scheduler,
            })
          : mockServices.scheduler.factory(),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              approval: { required: false },
              secretSink: { type: 'local', local: { directory: secretsDir } },
              directory: sandboxDirectoryConfig(sandbox),
              // Replaced secrets are due at once; a test runs the removal task itself.
              monitoring: { rotation: { gracePeriod: { milliseconds: 0 } } },
              // A request of a backend that died is taken over after a second.
              provisioning: {
                lease: { seconds: 1 },
                pollInterval: { milliseconds: 100 },
              },
            },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        ...(sink
          ? [
              createServiceFactory({
                service: camundaEntraSecretSinkServiceRef,
                deps: {},
                factory: () => sink,
              }),
            ]
          : []),
      ],
    });
  }

  async function waitFor(
    server: Parameters<typeof request>[0],
    id: string,
    state: string,
  ): Promise<CamundaEntraRequest> {
    for (let i = 0; i < 600; i++) {
      const response = await request(server)
        .get(`/api/camunda-entra/requests/${id}`)
        .set('Authorization', ALICE);
      if (response.body.state === state) return response.body;
      if (response.body.state === 'failed') {
        throw new Error(`failed: ${response.body.failureReason}`);
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    throw new Error(`request ${id} never became ${state}`);
  }

  function applications() {
    return sandbox.admin
      .directory()
      .applications.filter(app =>
        String(app.uniqueName).startsWith('camunda-payments-'),
      );
  }

  async function everyRow(knex: Knex): Promise<string> {
    const tables = ['camunda_entra_requests', 'camunda_entra_request_events'];
    const rows = await Promise.all(tables.map(table => knex(table).select()));
    return JSON.stringify(rows);
  }

  it('registers the applications in the directory tenant and delivers their secrets only to the sink', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startBackend(knex);

    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', ALICE)
      .send({ spec: FULL_SPEC });
    expect(created.status).toBe(201);
    expect(created.body.spec.tenant).toEqual({
      id: sandbox.tenantId,
      cloud: 'global',
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    });

    const done = await waitFor(server, created.body.id, 'provisioned');

    const apps = applications();
    expect(apps.map(app => app.uniqueName).sort()).toEqual(
      done.plan.applications.map(app => app.uniqueName).sort(),
    );
    for (const app of apps) {
      expect(Object.values(done.clients)).toContain(app.appId);
    }
    const manifest = parse(
      await readFile(
        path.join(secretsDir, `payments-${created.body.id}.yaml`),
        'utf8',
      ),
    );
    const secrets = manifest.stringData as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual([
      'identity-client-secret',
      'optimize-client-secret',
      'orchestration-cluster-client-secret',
      'webmodeler-api-client-secret',
    ]);
    const rows = await everyRow(knex);
    for (const text of Object.values(secrets)) {
      expect(text.length).toBeGreaterThan(10);
      expect(rows).not.toContain(text);
    }
    for (const [client, reference] of Object.entries(done.secrets!)) {
      const app = apps.find(a => a.appId === done.clients[client])!;
      expect(app.passwordCredentials).toEqual([
        expect.objectContaining({
          keyId: reference.keyId,
          displayName: secretDisplayName(done.id),
        }),
      ]);
    }
  });

  it('shows the approver what registration writes: platform, redirect URIs, permissions and claims of each application', async () => {
    const knex = await databases.init('SQLITE_3');
    const { server } = await startBackend(knex);
    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', ALICE)
      .send({
        spec: {
          ...FULL_SPEC,
          claims: { username: 'upn' },
          access: {
            groups: [
              { id: '6f1c2f43-0000-4000-8000-0000000000aa', roles: ['admin'] },
            ],
          },
        },
      });
    expect(created.status).toBe(201);

    const done = await waitFor(server, created.body.id, 'provisioned');

    const scopeNames = new Map(
      Object.entries(SIGN_IN_SCOPES).map(([name, id]) => [id, name]),
    );
    const claimNames = (claims?: Array<{ name: string }>) =>
      (claims ?? []).map(claim => claim.name);
    const written = (applications() as unknown as WrittenApplication[]).map(
      app => {
        const platform = (['web', 'spa'] as const).find(
          name => app[name].redirectUris.length > 0,
        );
        return {
          uniqueName: app.uniqueName,
          platform: platform ?? 'none',
          redirectUris: platform ? app[platform].redirectUris : [],
          apiPermissions: app.requiredResourceAccess.flatMap(resource =>
            resource.resourceAccess.map(access =>
              resource.resourceAppId === MICROSOFT_GRAPH_APP_ID
                ? scopeNames.get(access.id)
                : access.id,
            ),
          ),
          optionalClaims: {
            idToken: claimNames(app.optionalClaims?.idToken),
            accessToken: claimNames(app.optionalClaims?.accessToken),
          },
          groupMembershipClaims: app.groupMembershipClaims ?? 'None',
        };
      },
    );
    const planned = done.plan.applications.map(
      ({ client, displayName, secret, ...shown }) => shown,
    );
    expect(written.sort(byUniqueName)).toEqual(planned.sort(byUniqueName));
    expect(planned).toContainEqual(
      expect.objectContaining({
        uniqueName: 'camunda-payments-orchestration',
        groupMembershipClaims: 'SecurityGroup',
        optionalClaims: {
          idToken: ['preferred_username', 'upn'],
          accessToken: ['preferred_username', 'upn'],
        },
      }),
    );
  });

  it('provisioning a deployment again leaves each application one valid secret after the grace period: the one in the sink', async () => {
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler();
    const { server } = await startBackend(knex, { scheduler });
    const provision = async () => {
      const created = await request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', ALICE)
        .send({ spec: FULL_SPEC });
      return waitFor(server, created.body.id, 'provisioned');
    };
    const keyIdsOf = (secrets: CamundaEntraRequest['secrets']) =>
      Object.values(secrets!).map(secret => secret.keyId);
    const credentials = () =>
      applications().flatMap(
        app => app.passwordCredentials as Array<{ keyId: string }>,
      );

    const first = await provision();
    const second = await provision();

    expect(second.clients).toEqual(first.clients);
    // Until the removal runs, the secrets of both registrations are valid.
    expect(
      credentials()
        .map(c => c.keyId)
        .sort(),
    ).toEqual([...keyIdsOf(first.secrets), ...keyIdsOf(second.secrets)].sort());
    expect(second.history.map(event => event.comment)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^6 Entra applications registered; 4 secrets of the earlier registration ${first.id} are removed after `,
        ),
      ),
    );

    await scheduler.triggerTask('camunda-entra-secret-removal');

    const manifest = parse(
      await readFile(
        path.join(secretsDir, `payments-${second.id}.yaml`),
        'utf8',
      ),
    );
    const texts = manifest.stringData as Record<string, string>;
    for (const [client, reference] of Object.entries(second.secrets!)) {
      const app = applications().find(a => a.appId === second.clients[client])!;
      const key = ENTRA_SECRET_KEYS[client as EntraClientKey]!;
      expect(app.passwordCredentials).toEqual([
        expect.objectContaining({
          keyId: reference.keyId,
          hint: texts[key].slice(0, 3),
        }),
      ]);
    }
    expect(credentials()).toHaveLength(4);
    const { body } = await request(server)
      .get(`/api/camunda-entra/requests/${second.id}`)
      .set('Authorization', ALICE);
    for (const keyId of keyIdsOf(first.secrets)) {
      expect(
        body.history.map((event: { comment?: string }) => event.comment),
      ).toContain(
        `removed the replaced client secret ${keyId} after its grace period`,
      );
    }
  });

  it('after a restart between adding the secrets and writing the sink, finishes with exactly one secret per application and no duplicate application', async () => {
    const knex = await databases.init('SQLITE_3');
    const stuck = new MemorySecretSink();
    let reachedSink!: () => void;
    const sinkReached = new Promise<void>(resolve => {
      reachedSink = resolve;
    });
    // The first backend "dies" while its secrets exist in Entra but not in the sink.
    stuck.beforeWrite = () => {
      reachedSink();
      return new Promise(() => {});
    };
    const first = await startBackend(knex, { sink: stuck });
    const created = await request(first.server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', ALICE)
      .send({ spec: FULL_SPEC });
    await sinkReached;
    expect(
      applications().flatMap(app => app.passwordCredentials as unknown[]),
    ).toHaveLength(4);
    await first.stop();

    const sink = new MemorySecretSink();
    const second = await startBackend(knex, { sink });
    const done = await waitFor(second.server, created.body.id, 'provisioned');

    const apps = applications();
    expect(apps).toHaveLength(6);
    expect(new Set(apps.map(app => app.uniqueName)).size).toBe(6);
    const credentials = apps.flatMap(
      app => app.passwordCredentials as Array<{ keyId: string }>,
    );
    expect(credentials.map(c => c.keyId).sort()).toEqual(
      Object.values(done.secrets!)
        .map(s => s.keyId)
        .sort(),
    );
    expect(stuck.written.size).toBe(0);
    expect(
      Object.keys(sink.written.get('payments-camunda/entra-credentials')!),
    ).toHaveLength(4);
    expect(done.history.map(event => event.comment)).toContain(
      'resuming interrupted provisioning',
    );
    await second.stop();
  });
});
