import {
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { Knex } from 'knex';
import request from 'supertest';
import { camundaEntraPlugin } from '../plugin';
import {
  camundaEntraSecretSinkServiceRef,
  SecretSink,
} from '@camunda-entra/plugin-camunda-entra-node';
import { deploymentEntity } from './entities';
import { FULL_SPEC } from './FakeDirectory';
import { grantedPermissions } from './grantedPermissions';
import { sandboxDirectoryConfig } from './sandboxDirectory';

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
/** May not read the entity: the catalog answers as if it did not exist. */
export const MALLORY = 'user:default/mallory';
/** Reads the entity, but holds no Camunda Entra permission. */
export const CAROL = 'user:default/carol';
export const ENTITY_REF = 'component:default/camunda-payments';
export const as = (user: string) => mockCredentials.user.header(user);

/**
 * The plugin with the real directory client against the sandbox, on `knex`, with `sink`, the
 * permissions `grants` gives (see grantedPermissions), a catalog that holds the deployment's
 * entity once it is provisioned, and notifications recorded in `send`.
 */
export async function startSandboxPortal(options: {
  sandbox: EntraSandbox;
  knex: Knex;
  sink: SecretSink;
  grants: Record<string, string[]>;
  /** camundaEntra.monitoring. */
  monitoring: JsonObject;
  /** camundaEntra.publish, when the test has publishing targets. */
  publish?: JsonObject;
  /** An instance of the test's own, e.g. to run a task. */
  scheduler?: SchedulerService;
}) {
  const { sandbox } = options;
  let entity: Entity | undefined;
  const catalog = catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref, catalogOptions) =>
      ref === ENTITY_REF &&
      (catalogOptions as any).credentials.principal.userEntityRef !== MALLORY
        ? entity
        : undefined,
    ),
    // The expiry scan lists the deployment entities as the plugin.
    getEntities: jest.fn(async () => ({ items: entity ? [entity] : [] })),
  });
  const send = jest.fn(async () => {});
  const { scheduler } = options;
  const { server } = await startTestBackend({
    features: [
      camundaEntraPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: {
          camundaEntra: {
            directory: sandboxDirectoryConfig(sandbox),
            monitoring: options.monitoring,
            ...(options.publish && { publish: options.publish }),
          },
        },
      }),
      grantedPermissions(options.grants),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
      createServiceFactory({
        service: camundaEntraSecretSinkServiceRef,
        deps: {},
        factory: () => options.sink,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      ...(scheduler
        ? [
            createServiceFactory({
              service: mockServices.scheduler.factory().service,
              deps: {},
              factory: () => scheduler,
            }),
          ]
        : []),
    ],
  });

  /** The request once it is in `state` and `until` holds for it; throws once it failed. */
  async function waitFor(
    id: string,
    state: string,
    until: (request: CamundaEntraRequest) => boolean = () => true,
  ) {
    for (let i = 0; i < 800; i++) {
      const { body } = await request(server)
        .get(`/api/camunda-entra/requests/${id}`)
        .set('Authorization', as(ALICE));
      if (body.state === state && until(body)) {
        return body as CamundaEntraRequest;
      }
      if (body.state === 'failed') {
        throw new Error(`failed: ${body.failureReason}`);
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error(`request ${id} never became ${state}`);
  }

  /** The entity the template would create for a registered deployment. */
  const entityOf = (done: CamundaEntraRequest) =>
    deploymentEntity({
      deployment: FULL_SPEC.name,
      tenantId: sandbox.tenantId,
      clients: Object.entries(done.clients).map(([client, appId]) => ({
        client,
        appId,
      })),
    });

  /**
   * Registers `spec` (named as FULL_SPEC) through the portal (Alice asks, Bob approves) and
   * puts the entity the template would create into the catalog.
   */
  async function provision(
    until?: (request: CamundaEntraRequest) => boolean,
    spec: Record<string, unknown> = FULL_SPEC,
  ): Promise<CamundaEntraRequest> {
    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ spec, entityRef: ENTITY_REF });
    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    const done = await waitFor(created.body.id, 'provisioned', until);
    entity = entityOf(done);
    return done;
  }

  /**
   * Adopts FULL_SPEC's applications registered by hand, named by `clients` (Alice asks, Bob
   * approves), and puts the entity the template would create into the catalog.
   */
  async function adopt(
    clients: Record<string, string>,
  ): Promise<CamundaEntraRequest> {
    const created = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({
        kind: 'adopt',
        spec: { ...FULL_SPEC, clients },
        entityRef: ENTITY_REF,
      });
    if (created.status !== 201) {
      throw new Error(`adoption refused: ${JSON.stringify(created.body)}`);
    }
    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    const done = await waitFor(created.body.id, 'provisioned');
    entity = entityOf(done);
    return done;
  }

  const status = (user: string, query = `?entityRef=${ENTITY_REF}`) =>
    request(server)
      .get(`/api/camunda-entra/status${query}`)
      .set('Authorization', as(user));

  return { server, send, waitFor, provision, adopt, status };
}
