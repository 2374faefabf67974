import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import camundaEntraPlugin from '@camunda-entra/plugin-camunda-entra-backend';
import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  CamundaEntraRequest,
  deploymentEntityName,
  DeploymentClientKey,
  planEntraApplications,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  camundaEntraSecretSinkServiceRef,
  entraSecretKey,
  RegisteredApplication,
  SecretSink,
  SecretSinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';
import { sandboxDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import request from 'supertest';
import { Registration, sandboxDirectory } from './deployment';
import { goldenSpecInput, startConformanceSandbox } from './golden';
import {
  NEW_COMPONENTS,
  OLD_ONLY_COMPONENTS,
  play,
  renderDeployment,
  UPGRADE_INPUTS,
  UPGRADE_PAIRS,
} from './upgrade';

/** Provisioning, apply and finish through the REST API, three renders and five rounds of sign-ins. */
const UPGRADE_TIMEOUT_MS = 300_000;

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const as = (user: string) => mockCredentials.user.header(user);

/** Keeps the Entra Secret's keys as the Kubernetes sink does: write replaces, update merges. */
class MemorySink implements SecretSink {
  readonly secrets = new Map<string, Record<string, string>>();
  private key = (target: SecretSinkTarget) =>
    `${target.namespace}/${target.secretName}`;
  describe(target: SecretSinkTarget) {
    return `memory ${this.key(target)}`;
  }
  checkTarget() {}
  locate(target: SecretSinkTarget, key: string) {
    return `key ${key} of ${this.describe(target)}`;
  }
  async read(target: SecretSinkTarget, key: string) {
    return this.secrets.get(this.key(target))?.[key];
  }
  async write(target: SecretSinkTarget, data: Record<string, string>) {
    this.secrets.set(this.key(target), { ...data });
    return { location: this.describe(target) };
  }
  async update(target: SecretSinkTarget, data: Record<string, string>) {
    this.secrets.set(this.key(target), {
      ...this.secrets.get(this.key(target)),
      ...data,
    });
    return { location: this.describe(target) };
  }
}

/**
 * The portal's side of an upgrade, end to end: the backend plugin provisions the golden
 * deployment of a line and upgrades it to the next through its REST API (an owner asks, an
 * approver approves, the owner finishes), while the harness plays every sign-in of the old
 * values before, during and after, and of the new values once applied and once finished.
 */
describe('conformance on both sides of an upgrade through the portal', () => {
  let sandbox: EntraSandbox;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let server: typeof backend.server;
  const sink = new MemorySink();
  const entities = new Map<string, Entity>();

  // Destroyed after the tests, unlike the test backend's own, whose pool keeps Jest running.
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  beforeAll(async () => {
    sandbox = await startConformanceSandbox();
    const allow = async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    backend = await startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              directory: sandboxDirectoryConfig(sandbox, {
                grantAdminConsent: true,
              }),
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: allow as any,
          authorizeConditional: allow as any,
        }).factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        createServiceFactory({
          service: camundaEntraSecretSinkServiceRef,
          deps: {},
          factory: () => sink,
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () =>
            catalogServiceMock.mock({
              getEntityByRef: jest.fn(async ref => entities.get(String(ref))),
              getEntities: jest.fn(async () => ({
                items: [...entities.values()],
              })),
            }),
        }),
      ],
    });
    server = backend.server;
  });

  afterAll(async () => {
    // The plugin's worker and schedules keep running until the backend stops.
    await backend?.stop();
    await sandbox?.stop();
  });

  async function waitFor(id: string, state: string) {
    for (let i = 0; i < 2000; i++) {
      const { body } = await request(server)
        .get(`/api/camunda-entra/requests/${id}`)
        .set('Authorization', as(ALICE));
      if (body.state === state) {
        return body as CamundaEntraRequest;
      }
      if (body.state === 'failed') {
        throw new Error(`request ${id} failed: ${body.failureReason}`);
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error(`request ${id} never became ${state}`);
  }

  async function approved(created: request.Response) {
    if (created.status !== 201) {
      throw new Error(`refused: ${JSON.stringify(created.body)}`);
    }
    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    return waitFor(created.body.id, 'provisioned');
  }

  /** The deployment as the portal registered it: spec, client IDs and the sink's secrets. */
  function registrationOf(done: CamundaEntraRequest): Registration {
    const result = validateDeploymentSpec(
      { ...done.spec, clients: specClients(done.clients) },
      { requireClients: true },
    );
    if (!result.valid) {
      throw new Error(`spec: ${JSON.stringify(result.problems)}`);
    }
    const { spec } = result;
    const texts = sink.secrets.get(`${spec.namespace}/${spec.secrets.entra}`);
    return {
      spec,
      registered: Object.entries(done.clients).map(([client, appId]) => {
        const key = entraSecretKey(client as DeploymentClientKey);
        const secretText = key && texts?.[key];
        // The harness reads the client, its ID and the secret's text.
        return {
          client,
          appId,
          ...(secretText && { secret: { secretText } }),
        } as unknown as RegisteredApplication;
      }),
    };
  }

  it.each(UPGRADE_PAIRS)(
    'keeps every sign-in working from %s to %s, and leaves only the new applications',
    async (from, to) => {
      const name = `portal-${from.replace('.', '-')}`;
      const entityRef = `component:default/${deploymentEntityName(name)}`;
      const input = goldenSpecInput(from, sandbox, name);
      entities.set(entityRef, {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: deploymentEntityName(name),
          namespace: 'default',
          annotations: {
            [CAMUNDA_ENTRA_ANNOTATIONS.deployment]: name,
            [CAMUNDA_ENTRA_ANNOTATIONS.tenantId]: sandbox.tenantId,
            [CAMUNDA_ENTRA_ANNOTATIONS.chart]: from,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: ALICE },
      });
      const provisioned = await approved(
        await request(server)
          .post('/api/camunda-entra/requests')
          .set('Authorization', as(ALICE))
          .send({ spec: input, entityRef }),
      );
      const old = renderDeployment(registrationOf(provisioned));
      const before = await play(old, sandbox);
      expect(before.failures).toEqual([]);

      const asked = await request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE))
        .send({
          kind: 'upgrade',
          entityRef,
          chart: to,
          with: UPGRADE_INPUTS[to],
        });
      const plan = (asked.body as CamundaEntraRequest).plan.upgrade!;
      expect(plan).toMatchObject({ from, to });
      expect(plan.values.map(file => file.path)).toContain('values.yaml');
      const removed = plan.applications.filter(a => a.change === 'removed');
      expect(plan.pendingRemovals.filter(r => r.change === 'removed')).toEqual(
        removed.map(({ client, uniqueName }) => ({
          client,
          uniqueName,
          change: 'removed',
        })),
      );
      const applied = await approved(asked);

      // The running deployment, on its old values, still signs in after apply.
      const during = await play(old, sandbox);
      expect(during).toEqual(before);

      const next = renderDeployment(registrationOf(applied));
      const after = await play(next, sandbox);
      expect(after.failures).toEqual([]);
      expect(after.passed).toEqual(expect.arrayContaining(NEW_COMPONENTS[to]));

      const finished = await request(server)
        .post(`/api/camunda-entra/requests/${applied.id}/finish`)
        .set('Authorization', as(ALICE))
        .send({});
      expect(finished.status).toBe(200);
      expect(await play(next, sandbox)).toEqual(after);
      // What finish removed is gone: the old values' components that used it fail now.
      const oldAfterFinish = await play(old, sandbox);
      expect(oldAfterFinish.failures.length).toBe(
        removed.length > 0 ? OLD_ONLY_COMPONENTS.length : 0,
      );

      const remaining = await sandboxDirectory(sandbox).listApplications({
        deployment: name,
      });
      const expected = planEntraApplications(registrationOf(applied).spec);
      expect(remaining.map(a => a.uniqueName).sort()).toEqual(
        expected.map(p => p.uniqueName).sort(),
      );
      // Exactly the new line's secrets: one per confidential application, the one delivered.
      for (const application of remaining) {
        const planned = expected.find(
          p => p.uniqueName === application.uniqueName,
        )!;
        const delivered =
          applied.secrets?.[planned.client] ??
          provisioned.secrets?.[planned.client];
        expect(application.passwordCredentials.map(c => c.keyId)).toEqual(
          planned.needsSecret ? [delivered?.keyId] : [],
        );
      }
    },
    UPGRADE_TIMEOUT_MS,
  );
});
