import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  CamundaEntraRequest,
  DeploymentEntraStatus,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import request from 'supertest';
import { editInSandbox } from './__testUtils__/editInSandbox';
import { deploymentEntity } from './__testUtils__/entities';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { grantedPermissions } from './__testUtils__/grantedPermissions';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import { sandboxDirectoryConfig } from './__testUtils__/sandboxDirectory';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { camundaEntraPlugin } from './plugin';
import { camundaEntraSecretSinkServiceRef } from './services';
import { SecretSinkTarget } from './sinks';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
/** May not read the entity. */
const MALLORY = 'user:default/mallory';
/** Reads the entity, but holds no Camunda Entra permission. */
const CAROL = 'user:default/carol';
const ENTITY_REF = 'component:default/camunda-payments';
const as = (user: string) => mockCredentials.user.header(user);
const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

/** A sink that lost one key since it delivered it, as when someone emptied it by hand. */
class LosingSink extends MemorySecretSink {
  constructor(private readonly lost?: string) {
    super();
  }

  async read(target: SecretSinkTarget, key: string) {
    return key === this.lost ? undefined : super.read(target, key);
  }
}

/**
 * The plugin with the real directory client and token endpoint against the sandbox: the
 * verification right after provisioning and on demand from the entity's tab.
 */
describe('sign-in verification against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 8 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  async function start(sink = new LosingSink()) {
    let entity: Entity | undefined;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (ref, options) =>
        ref === ENTITY_REF &&
        (options as any).credentials.principal.userEntityRef !== MALLORY
          ? entity
          : undefined,
      ),
    });
    const send = jest.fn(async () => {});
    const { server } = await startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.database.factory({
          knex: await databases.init('SQLITE_3'),
        }),
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              directory: sandboxDirectoryConfig(sandbox),
              monitoring: { status: { cacheTtl: { milliseconds: 0 } } },
            },
          },
        }),
        grantedPermissions(GRANTS),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send }),
        }),
        createServiceFactory({
          service: camundaEntraSecretSinkServiceRef,
          deps: {},
          factory: () => sink,
        }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
      ],
    });

    const status = async (): Promise<DeploymentEntraStatus> =>
      (
        await request(server)
          .get(`/api/camunda-entra/status?entityRef=${ENTITY_REF}`)
          .set('Authorization', as(ALICE))
      ).body;

    /** Provisions FULL_SPEC through the portal; resolves once its verification is recorded. */
    async function provision(): Promise<CamundaEntraRequest> {
      const created = await request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE))
        .send({ spec: FULL_SPEC, entityRef: ENTITY_REF });
      await request(server)
        .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
        .set('Authorization', as(BOB))
        .send({});
      for (let i = 0; i < 800; i++) {
        const { body } = await request(server)
          .get(`/api/camunda-entra/requests/${created.body.id}`)
          .set('Authorization', as(ALICE));
        if (body.state === 'failed') {
          throw new Error(`failed: ${body.failureReason}`);
        }
        if (
          body.state === 'provisioned' &&
          body.history.some((event: { comment?: string }) =>
            event.comment?.startsWith('sign-in verif'),
          )
        ) {
          entity = deploymentEntity({
            deployment: FULL_SPEC.name,
            tenantId: sandbox.tenantId,
            clients: Object.entries(body.clients as Record<string, string>).map(
              ([client, appId]) => ({ client, appId }),
            ),
          });
          return body;
        }
        await new Promise(resolve => setTimeout(resolve, 25));
      }
      throw new Error('the request was never provisioned and verified');
    }

    const verify = (user: string) =>
      request(server)
        .post('/api/camunda-entra/verifications')
        .set('Authorization', user)
        .send({ entityRef: ENTITY_REF });

    return { server, send, status, provision, verify };
  }

  it('verifies the deployment right after provisioning, and on demand finds a redirect URI edited in Entra', async () => {
    const { send, status, provision, verify } = await start();
    const provisioned = await provision();

    const first = (await status()).lastVerification!;
    expect(first).toMatchObject({ passed: true, problems: [] });
    expect(first.checks).toBeGreaterThan(0);
    expect(provisioned.history.map(event => event.comment)).toContain(
      `sign-in verified: ${first.checks} checks passed`,
    );
    expect(send).not.toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({ severity: 'high' }),
      }),
    );

    const optimize = provisioned.clients.optimize;
    const [application] = (
      await editInSandbox(
        sandbox,
        'GET',
        `/applications?$filter=appId eq '${optimize}'&$select=id,web`,
      )
    ).value;
    await editInSandbox(sandbox, 'PATCH', `/applications/${application.id}`, {
      web: {
        redirectUris: application.web.redirectUris.map((uri: string) =>
          uri.replace(/\/([^/]+)$/, '/other-$1'),
        ),
      },
    });

    const answer = await verify(as(ALICE));

    expect(answer.status).toBe(200);
    const verification: SignInVerification = answer.body;
    expect(verification.passed).toBe(false);
    expect(verification.problems).toEqual([
      expect.objectContaining({ client: 'optimize', check: 'redirectUris' }),
    ]);
    expect(Date.parse(verification.verifiedAt)).toBeGreaterThan(
      Date.parse(first.verifiedAt),
    );
    expect((await status()).lastVerification).toEqual(verification);
  });

  it('notifies the owners when the verification after provisioning fails, and the provisioning stands', async () => {
    const { send, status, provision } = await start(
      new LosingSink('optimize-client-secret'),
    );

    const provisioned = await provision();

    expect(provisioned.state).toBe('provisioned');
    const last = (await status()).lastVerification!;
    expect(last.passed).toBe(false);
    expect(last.problems).toEqual([
      expect.objectContaining({ client: 'optimize', check: 'secret' }),
    ]);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: [ENTITY_REF, ALICE] },
      payload: expect.objectContaining({
        title: 'Sign-in verification of payments found 1 problem',
        description: expect.stringMatching(/^Optimize: /),
        link: '/catalog/default/component/camunda-payments/entra',
        severity: 'high',
      }),
    });
  });

  it('verifies on demand for those who may read the Entra state, one verification at a time', async () => {
    const { verify, provision } = await start();
    await provision();

    expect((await verify(mockCredentials.none.header())).status).toBe(401);
    expect((await verify(as(MALLORY))).status).toBe(404);
    expect((await verify(as(CAROL))).status).toBe(403);
    expect((await verify(mockCredentials.service.header())).status).toBe(403);

    // Slow token and Graph answers keep the first verification running.
    sandbox.admin.setFaults({ latencyMs: 300 });
    const [first, second] = await Promise.all([
      verify(as(ALICE)),
      new Promise(resolve => setTimeout(resolve, 100)).then(() =>
        verify(as(BOB)),
      ),
    ]);
    sandbox.admin.setFaults({ latencyMs: 0 });

    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.body.error.message).toContain(
      'A sign-in verification of the deployment payments is already running',
    );
    expect((await verify(as(BOB))).status).toBe(200);
  });
});
