import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { mkdtemp, readFile, readdir, rm, stat } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import request from 'supertest';
import {
  FakeDirectory,
  FULL_SPEC,
  TEST_TENANT_ID,
} from './__testUtils__/FakeDirectory';
import { deploymentEntity } from './__testUtils__/entities';
import { camundaEntraPlugin } from './plugin';
import { camundaEntraDirectoryServiceRef } from '@camunda-entra/plugin-camunda-entra-node';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const MALLORY = 'user:default/mallory';
const as = (user: string) => mockCredentials.user.header(user);

/** The groups each user owns through, as sign-in puts them into the token. */
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/payments-team'],
  [BOB]: ['group:default/platform-team'],
  [MALLORY]: ['group:default/intruders'],
};

describe('camundaEntraPlugin', () => {
  let secretsDir: string;

  beforeEach(async () => {
    secretsDir = await mkdtemp(path.join(tmpdir(), 'camunda-entra-secrets-'));
  });
  afterEach(async () => {
    await rm(secretsDir, { recursive: true, force: true });
  });

  async function start(
    options: {
      approvers?: string[];
      /**
       * Users allowed a permission besides the approvers, e.g. the rotate permission on a
       * deployment, which the shipped policy gives its recorded owner (see the authorization
       * matrix in packages/backend).
       */
      grants?: Record<string, string[]>;
      entities?: Entity[];
      camundaEntra?: Record<string, unknown>;
      /** null: the portal has no directory configured. */
      directory?: FakeDirectory | null;
    } = {},
  ) {
    const directory =
      options.directory === null
        ? undefined
        : options.directory ?? new FakeDirectory();
    const send = jest.fn(async () => {});
    const authorize = jest.fn(
      async (
        requests: Array<{ permission: { name: string } }>,
        { credentials },
      ) =>
        requests.map(({ permission }) => ({
          result: [
            ...(options.approvers ?? [BOB]),
            ...(options.grants?.[permission.name] ?? []),
          ].includes(credentials.principal.userEntityRef)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })),
    );
    const { server } = await startTestBackend({
      features: [
        camundaEntraPlugin,
        mockServices.rootConfig.factory({
          data: {
            camundaEntra: {
              secretSink: { type: 'local', local: { directory: secretsDir } },
              ...options.camundaEntra,
              approval: {
                approvers: ['group:default/platform-team'],
                ...(options.camundaEntra?.approval as object),
              },
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: authorize as any,
          // Reading requests is the policy module's concern (its authorization matrix test).
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }).factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send }),
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            getUserInfo: async (credentials: any) => {
              const ref = credentials.principal.userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: [ref, ...(GROUPS[ref] ?? [])],
              };
            },
          }),
        }),
        catalogServiceMock.factory({ entities: options.entities ?? [] }),
        ...(directory
          ? [
              createServiceFactory({
                service: camundaEntraDirectoryServiceRef,
                deps: {},
                factory: () => directory,
              }),
            ]
          : []),
      ],
    });
    // undefined only for callers that asked for no directory
    return { server, directory: directory as FakeDirectory, send, authorize };
  }

  async function createRequest(
    server: Awaited<ReturnType<typeof start>>['server'],
    body: Record<string, unknown> = { spec: FULL_SPEC },
  ): Promise<CamundaEntraRequest> {
    const response = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send(body);
    expect(response.status).toBe(201);
    return response.body;
  }

  async function waitForState(
    server: Awaited<ReturnType<typeof start>>['server'],
    id: string,
    states: string[],
  ): Promise<CamundaEntraRequest> {
    for (let i = 0; i < 200; i++) {
      const response = await request(server)
        .get(`/api/camunda-entra/requests/${id}`)
        .set('Authorization', as(ALICE));
      if (states.includes(response.body.state)) {
        return response.body;
      }
      await new Promise(resolve => setTimeout(resolve, 25));
    }
    throw new Error(`request ${id} never reached ${states.join(' or ')}`);
  }

  it('serves its health endpoint without authentication', async () => {
    const { server } = await start();

    const response = await request(server)
      .get('/api/camunda-entra/health')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('rejects unauthenticated calls to anything else', async () => {
    const { server } = await start();

    const response = await request(server)
      .get('/api/camunda-entra/requests')
      .set('Authorization', mockCredentials.none.header());

    expect(response.status).toBe(401);
  });

  it('creates a pending request with its plan, filling in the directory tenant, and tells the approvers', async () => {
    const { server, send, directory } = await start();

    const created = await createRequest(server, {
      spec: FULL_SPEC,
      entityRef: 'component:default/payments',
      environment: 'production',
    });

    expect(created).toMatchObject({
      kind: 'provision',
      state: 'pending',
      requester: ALICE,
      entityRef: 'component:default/payments',
      environment: 'production',
      clients: {},
      spec: { ...FULL_SPEC, tenant: directory.tenant },
      history: [{ state: 'pending', actor: ALICE, comment: 'requested' }],
    });
    expect(created).not.toHaveProperty('objectIds');
    // Stored as parsed, with the defaults the submitted spec leaves out.
    expect(created.spec).toMatchObject({
      release: 'camunda',
      tenant: { cloud: 'global' },
      secrets: { entra: 'entra-credentials' },
      secretLifetimeDays: 180,
    });
    expect(created.plan.secretLifetimeDays).toBe(180);
    expect(created.plan.secretDestination).toContain(
      path.join(secretsDir, `payments-${created.id}.yaml`),
    );
    expect(created.plan.applications).toContainEqual({
      client: 'optimize',
      displayName: 'Camunda payments Optimize',
      uniqueName: 'camunda-payments-optimize',
      platform: 'web',
      redirectUris: ['http://localhost:8083/api/authentication/callback'],
      apiPermissions: ['openid', 'profile', 'email', 'offline_access'],
      optionalClaims: {
        idToken: ['preferred_username'],
        accessToken: ['preferred_username'],
      },
      groupMembershipClaims: 'None',
      secret: true,
    });
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/platform-team'],
      },
      payload: expect.objectContaining({
        title: 'Camunda deployment payments waits for your approval',
        link: `/camunda-entra/requests/${created.id}`,
      }),
    });
    expect(directory.applications.size).toBe(0);
  });

  it('answers 400 listing every spec problem', async () => {
    const { server } = await start();

    const response = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({
        spec: {
          ...FULL_SPEC,
          name: 'Not A Label',
          components: { optimize: {} },
        },
      });

    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(/name: must be a DNS label/);
    expect(response.body.error.message).toMatch(
      /components\.optimize: needs Management Identity/,
    );
  });

  it('answers 400 for a spec naming another tenant than the portal directory', async () => {
    const { server } = await start();

    const response = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({
        spec: {
          ...FULL_SPEC,
          tenant: { id: '6f1c2f43-0000-4000-8000-0000000000ff' },
        },
      });

    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      `tenant.id: must be the portal's tenant ${TEST_TENANT_ID}; applications are registered there`,
    );
  });

  it("answers 400 for a spec naming another authority, Graph or cloud than the portal directory's", async () => {
    const { server } = await start();
    const attempt = (tenant: Record<string, string>) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE))
        .send({
          spec: { ...FULL_SPEC, tenant: { id: TEST_TENANT_ID, ...tenant } },
        });

    const authority = await attempt({
      authorityHost: 'https://login.example.net',
    });
    const graph = await attempt({ graphUrl: 'https://graph.example.net/v1.0' });
    const cloud = await attempt({ cloud: 'usgov' });
    // The global cloud's own hosts, spelled out, are the directory's.
    const spelledOut = await attempt({
      authorityHost: 'https://login.microsoftonline.com/',
      graphUrl: 'https://graph.microsoft.com/v1.0',
    });

    expect(authority.status).toBe(400);
    expect(authority.body.error.message).toBe(
      "tenant.authorityHost: https://login.example.net is not the portal directory's https://login.microsoftonline.com; the generated values would send the deployment's client secrets there",
    );
    expect(graph.status).toBe(400);
    expect(graph.body.error.message).toMatch(
      /^tenant\.graphUrl: https:\/\/graph\.example\.net.* is not the portal directory's https:\/\/graph\.microsoft\.com/,
    );
    expect(cloud.status).toBe(400);
    expect(cloud.body.error.message).toBe(
      "tenant.cloud: must be the portal directory's cloud global, not usgov",
    );
    expect(spelledOut.status).toBe(201);
  });

  it('answers 400 for malformed bodies and filters', async () => {
    const { server } = await start();

    const noSpec = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ kind: 'renew' });
    const badFilter = await request(server)
      .get('/api/camunda-entra/requests?state=done')
      .set('Authorization', as(ALICE));
    const repairWithSpec = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ kind: 'repair', spec: FULL_SPEC });

    expect(noSpec.status).toBe(400);
    expect(noSpec.body.error.message).toMatch(
      /spec: Invalid input: expected record/,
    );
    expect(noSpec.body.error.message).toMatch(
      /kind: must be provision, adopt, rotate, repair, transfer or upgrade/,
    );
    expect(badFilter.status).toBe(400);
    expect(repairWithSpec.status).toBe(400);
    expect(repairWithSpec.body.error.message).toMatch(
      /entityRef: .*expected string.*; \(body\): Unrecognized key: "spec"/,
    );
  });

  it('refuses approval without the permission and leaves the request pending', async () => {
    const { server, authorize } = await start({ approvers: [] });
    const created = await createRequest(server);

    const response = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/approve`)
      .set('Authorization', as(BOB))
      .send({ comment: 'looks fine' });

    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('NotAllowedError');
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'camunda-entra.request.approve',
          }),
        },
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ userEntityRef: BOB }),
        }),
      },
    );
    const reject = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/reject`)
      .set('Authorization', as(BOB))
      .send({ comment: 'no' });
    expect(reject.status).toBe(403);
    expect(
      (await waitForState(server, created.id, ['pending'])).history,
    ).toHaveLength(1);
  });

  it('refuses self-approval unless configured, even with the permission', async () => {
    const { server } = await start({ approvers: [ALICE] });
    const created = await createRequest(server);

    const response = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/approve`)
      .set('Authorization', as(ALICE))
      .send({});

    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/your own request/);
  });

  it('allows self-approval when configured', async () => {
    const { server } = await start({
      approvers: [ALICE],
      camundaEntra: { approval: { allowSelfApproval: true } },
    });
    const created = await createRequest(server);

    const response = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/approve`)
      .set('Authorization', as(ALICE))
      .send({});

    expect(response.status).toBe(200);
    expect(response.body.state).toBe('approved');
    await waitForState(server, created.id, ['provisioned']);
  });

  it('provisions an approved request: applications registered, secrets in a 0600 file, requester notified', async () => {
    const { server, directory, send } = await start();
    const created = await createRequest(server);

    const approved = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/approve`)
      .set('Authorization', as(BOB))
      .send({ comment: 'go ahead' });
    expect(approved.status).toBe(200);
    expect(approved.body.history[1]).toMatchObject({
      state: 'approved',
      actor: BOB,
      comment: 'go ahead',
    });

    const done = await waitForState(server, created.id, [
      'provisioned',
      'failed',
    ]);

    expect(done.state).toBe('provisioned');
    expect(Object.keys(done.clients)).toHaveLength(6);
    expect(directory.applications.size).toBe(6);
    const file = path.join(secretsDir, `payments-${created.id}.yaml`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const manifest = await readFile(file, 'utf8');
    expect(manifest).toContain(`kubectl apply -f ${file}`);
    for (const text of directory.secretTexts()) {
      expect(manifest).toContain(text);
      expect(JSON.stringify(done)).not.toContain(text);
    }
    expect(done.secretLocation).toContain(file);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: expect.objectContaining({
          title: 'Camunda deployment payments was approved',
        }),
      }),
    );
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: expect.objectContaining({
          title: 'Entra applications of payments are ready',
        }),
      }),
    );

    const again = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.name).toBe('ConflictError');
  });

  it('rejects with a required comment, which the requester gets', async () => {
    const { server, send } = await start();
    const created = await createRequest(server);

    const withoutComment = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/reject`)
      .set('Authorization', as(BOB))
      .send({ comment: '  ' });
    const rejected = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/reject`)
      .set('Authorization', as(BOB))
      .send({ comment: 'use the shared cluster' });

    expect(withoutComment.status).toBe(400);
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: [ALICE] },
        payload: expect.objectContaining({
          description: `${BOB}: use the shared cluster`,
          severity: 'high',
        }),
      }),
    );
  });

  it('marks a request failed with the reason, and a retry provisions it', async () => {
    const directory = new FakeDirectory();
    directory.beforeOperation = operation => {
      if (operation === 'addSecret') {
        throw new Error('Graph 400 CredentialInvalidLifetimeAsPerAppPolicy');
      }
    };
    const { server, send } = await start({
      directory,
      camundaEntra: { approval: { required: false } },
    });
    const created = await createRequest(server);
    expect(created.state).toBe('approved');

    const failed = await waitForState(server, created.id, ['failed']);
    expect(failed.failureReason).toBe(
      'Error: Graph 400 CredentialInvalidLifetimeAsPerAppPolicy',
    );
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: [ALICE, 'group:default/platform-team'],
        },
      }),
    );

    const notFailed = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/retry`)
      .set('Authorization', as('user:default/mallory'));
    expect(notFailed.status).toBe(403);

    directory.beforeOperation = () => {};
    const retried = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/retry`)
      .set('Authorization', as(ALICE));
    expect(retried.status).toBe(200);

    const done = await waitForState(server, created.id, ['provisioned']);
    expect(done.failureReason).toBeUndefined();
    expect(directory.secretTexts()).toHaveLength(4);
    expect(done.history.map(event => event.state)).toEqual(
      expect.arrayContaining(['failed', 'approved', 'provisioned']),
    );
    const retryAgain = await request(server)
      .post(`/api/camunda-entra/requests/${created.id}/retry`)
      .set('Authorization', as(ALICE));
    expect(retryAgain.status).toBe(409);
  });

  it('without a configured directory, needs the tenant in the spec and fails provisioning saying what to configure', async () => {
    const { server } = await start({
      directory: null,
      camundaEntra: { approval: { required: false } },
    });

    const withoutTenant = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ spec: FULL_SPEC });
    const created = await createRequest(server, {
      spec: { ...FULL_SPEC, tenant: { id: TEST_TENANT_ID } },
    });

    expect(withoutTenant.status).toBe(400);
    expect(withoutTenant.body.error.message).toMatch(/tenant: is required/);
    const failed = await waitForState(server, created.id, ['failed']);
    expect(failed.failureReason).toMatch(
      /No Entra directory is configured: set camundaEntra.directory/,
    );
  });

  it('auto-approves by owner and namespace rules, never by the environment the requester names', async () => {
    const { server } = await start({
      camundaEntra: {
        approval: {
          autoApprove: [
            {
              owners: ['group:default/payments-team'],
              namespaces: ['dev-*'],
            },
          ],
        },
      },
    });

    const matching = await createRequest(server, {
      spec: { ...FULL_SPEC, namespace: 'dev-payments' },
      owner: 'payments-team',
      environment: 'production',
    });
    const otherNamespace = await createRequest(server, {
      spec: { ...FULL_SPEC, name: 'orders' },
      owner: 'group:default/payments-team',
      environment: 'development',
    });
    // The owner is the requester when none is named: not one of the rule's.
    const ownedByRequester = await createRequest(server, {
      spec: { ...FULL_SPEC, name: 'billing', namespace: 'dev-billing' },
      environment: 'development',
    });
    const foreignOwner = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({
        spec: { ...FULL_SPEC, name: 'ledger', namespace: 'dev-ledger' },
        owner: 'group:default/platform-team',
      });

    expect(matching.state).toBe('approved');
    expect(matching.plan.ownership).toEqual({
      owner: 'group:default/payments-team',
    });
    expect(matching.history[1]).toEqual(
      expect.objectContaining({
        actor: 'plugin:camunda-entra',
        comment:
          'approved automatically: owner group:default/payments-team and namespace dev-payments match camundaEntra.approval.autoApprove[0]',
      }),
    );
    expect(otherNamespace.state).toBe('pending');
    expect(ownedByRequester.state).toBe('pending');
    expect(ownedByRequester.plan.ownership).toEqual({ owner: ALICE });
    expect(foreignOwner.status).toBe(403);
    expect(foreignOwner.body.error.message).toBe(
      'owner: you are not a member of group:default/platform-team; name a group you belong to',
    );
    await waitForState(server, matching.id, ['provisioned']);
  });

  it('lists newest first with filters and answers 404 for unknown requests', async () => {
    const { server } = await start();
    const first = await createRequest(server);
    await new Promise(resolve => setTimeout(resolve, 5));
    const second = await createRequest(server, {
      spec: { ...FULL_SPEC, name: 'orders', namespace: 'orders-camunda' },
    });
    await request(server)
      .post(`/api/camunda-entra/requests/${first.id}/reject`)
      .set('Authorization', as(BOB))
      .send({ comment: 'duplicate' });

    const all = await request(server)
      .get('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE));
    const pending = await request(server)
      .get('/api/camunda-entra/requests?state=pending&kind=provision')
      .set('Authorization', as(ALICE));
    const missing = await request(server)
      .get('/api/camunda-entra/requests/nope')
      .set('Authorization', as(ALICE));

    expect(all.body.items.map((r: CamundaEntraRequest) => r.id)).toEqual([
      second.id,
      first.id,
    ]);
    expect(pending.body.items.map((r: CamundaEntraRequest) => r.id)).toEqual([
      second.id,
    ]);
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
    expect(await readdir(secretsDir)).toEqual([]);
  });

  describe('owned deployment names', () => {
    const PAYMENTS = 'component:default/camunda-payments';
    const PAYMENTS_TEAM = 'group:default/payments-team';
    /** The deployment's entity as the values generator writes it, owned by payments-team. */
    const paymentsEntity = () =>
      deploymentEntity({
        deployment: 'payments',
        tenantId: TEST_TENANT_ID,
        clients: [],
        owner: PAYMENTS_TEAM,
      });
    /** The rotate permission on the deployment, which the policy gives its recorded owner. */
    const ownedByAlice = {
      grants: { 'camunda-entra.secret.rotate': [ALICE] },
      entities: [paymentsEntity()],
    };

    async function approved(
      server: Awaited<ReturnType<typeof start>>['server'],
      created: CamundaEntraRequest,
    ) {
      const response = await request(server)
        .post(`/api/camunda-entra/requests/${created.id}/approve`)
        .set('Authorization', as(BOB))
        .send({});
      expect(response.status).toBe(200);
      return waitForState(server, created.id, ['provisioned']);
    }

    async function provisioned(
      server: Awaited<ReturnType<typeof start>>['server'],
      body: Record<string, unknown>,
    ) {
      return approved(server, await createRequest(server, body));
    }

    const post = (
      server: Awaited<ReturnType<typeof start>>['server'],
      user: string,
      body: Record<string, unknown>,
    ) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(user))
        .send(body);

    it('records the entity’s owner with the first provisioning; the owner re-provisions, a request for another entity or namespace answers 409', async () => {
      const { server, directory } = await start(ownedByAlice);
      const first = await provisioned(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(first.plan.registration).toEqual({ kind: 'new' });
      expect(first.plan.ownership).toEqual({ owner: PAYMENTS_TEAM });
      const applications = directory.applications.size;

      for (const takeover of [
        { spec: FULL_SPEC, entityRef: 'component:default/intruder' },
        { spec: FULL_SPEC },
        {
          spec: { ...FULL_SPEC, namespace: 'elsewhere' },
          entityRef: PAYMENTS,
        },
      ]) {
        const response = await post(server, ALICE, takeover);
        expect(response.status).toBe(409);
        expect(response.body.error.message).toContain(
          `registered in this tenant for ${PAYMENTS} in namespace payments-camunda (request ${first.id})`,
        );
      }
      const listed = await request(server)
        .get('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE));
      expect(listed.body.items).toHaveLength(1);

      const again = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(again.plan.registration).toEqual({
        kind: 'existing',
        requestId: first.id,
        entityRef: PAYMENTS,
        namespace: 'payments-camunda',
        requester: ALICE,
      });
      expect(again.plan.ownership).toEqual({ owner: PAYMENTS_TEAM });
      expect(directory.applications.size).toBe(applications);
      const otherOwner = await post(server, ALICE, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
        owner: 'group:default/billing-team',
      });
      expect([otherOwner.status, otherOwner.body.error.message]).toEqual([
        400,
        `owner: payments is owned by ${PAYMENTS_TEAM}; a transfer request changes its owner`,
      ]);
    });

    it('refuses another team’s request to provision a registered deployment when it is made: 403 naming the owner, nothing stored or registered', async () => {
      const { server, directory, send } = await start(ownedByAlice);
      await provisioned(server, { spec: FULL_SPEC, entityRef: PAYMENTS });
      const registered = directory.applications.size;
      send.mockClear();

      const takeover = await post(server, MALLORY, {
        spec: {
          ...FULL_SPEC,
          components: {
            ...FULL_SPEC.components,
            orchestration: { url: 'https://camunda.intruders.example' },
          },
        },
        entityRef: PAYMENTS,
      });

      expect(takeover.status).toBe(403);
      expect(takeover.body.error.message).toBe(
        `You may not provision payments again: the deployment payments is owned by ${PAYMENTS_TEAM}; only its members and approvers may (permission camunda-entra.secret.rotate)`,
      );
      const listed = await request(server)
        .get('/api/camunda-entra/requests')
        .set('Authorization', as(BOB));
      expect(listed.body.items).toHaveLength(1);
      expect(send).not.toHaveBeenCalled();
      expect(directory.applications.size).toBe(registered);
    });

    it('reserves a name when its first request is made: another team’s request answers 409 naming the holder, until that one is rejected', async () => {
      const { server } = await start();
      const first = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });

      const late = await post(server, MALLORY, {
        spec: { ...FULL_SPEC, namespace: 'intruders' },
        entityRef: 'component:default/intruders',
      });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain(
        `The deployment name payments is reserved in this tenant by request ${first.id} for ${ALICE}`,
      );

      await request(server)
        .post(`/api/camunda-entra/requests/${first.id}/reject`)
        .set('Authorization', as(BOB))
        .send({ comment: 'wrong name' });
      const afterRelease = await post(server, MALLORY, {
        spec: { ...FULL_SPEC, namespace: 'intruders' },
        entityRef: 'component:default/intruders',
      });
      expect(afterRelease.status).toBe(201);
      expect(afterRelease.body.plan.ownership).toEqual({ owner: MALLORY });
    });

    it('says in the plan when the requester is not a member of the owner', async () => {
      const { server } = await start({ entities: [paymentsEntity()] });

      const forTeam = await post(server, BOB, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });

      expect(forTeam.status).toBe(201);
      expect(forTeam.body.plan.ownership).toEqual({
        owner: PAYMENTS_TEAM,
        note: `${BOB} is not a member of ${PAYMENTS_TEAM}, which owns the deployment; asked as an approver`,
      });
    });

    it('refuses approval when the entity’s owner is no longer the one the plan records', async () => {
      const entity = paymentsEntity();
      const { server } = await start({ entities: [entity] });
      const created = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(created.plan.ownership).toEqual({ owner: PAYMENTS_TEAM });
      // Someone registers the entity anew with their team as its owner.
      entity.spec!.owner = 'group:default/intruders';

      const approval = await request(server)
        .post(`/api/camunda-entra/requests/${created.id}/approve`)
        .set('Authorization', as(BOB))
        .send({});

      expect(approval.status).toBe(409);
      expect(approval.body.error.message).toBe(
        `${PAYMENTS} is owned by group:default/intruders in the catalog now, but this request records ${PAYMENTS_TEAM} as the deployment's owner; reject it and ask again`,
      );
      expect((await waitForState(server, created.id, ['pending'])).state).toBe(
        'pending',
      );
    });

    it('moves a deployment to another owner with an approved transfer, shown in the plan and the audit trail', async () => {
      const { server, directory } = await start(ownedByAlice);
      await provisioned(server, { spec: FULL_SPEC, entityRef: PAYMENTS });
      const applications = JSON.stringify([...directory.applications]);

      const refused = await post(server, MALLORY, {
        kind: 'transfer',
        entityRef: PAYMENTS,
        owner: 'group:default/intruders',
      });
      const transfer = await createRequest(server, {
        kind: 'transfer',
        entityRef: PAYMENTS,
        owner: 'billing-team',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(`owned by ${PAYMENTS_TEAM}`);
      expect(transfer).toMatchObject({
        kind: 'transfer',
        state: 'pending',
        entityRef: PAYMENTS,
        plan: {
          applications: [],
          ownership: {
            owner: PAYMENTS_TEAM,
            transferTo: 'group:default/billing-team',
          },
        },
      });
      const done = await approved(server, transfer);

      expect(done.history.map(event => event.comment)).toContain(
        `owner of payments changed from ${PAYMENTS_TEAM} to group:default/billing-team`,
      );
      expect(JSON.stringify([...directory.applications])).toBe(applications);
      const again = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(again.plan.ownership).toEqual({
        owner: 'group:default/billing-team',
        note: `${ALICE} is not a member of group:default/billing-team, which owns the deployment`,
      });
    });

    it('leaves every upgrade to an approver, even where approval is not required, and finishes only an applied upgrade', async () => {
      const { server, directory } = await start({
        ...ownedByAlice,
        camundaEntra: { approval: { required: false } },
      });
      const registration = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(registration.state).toBe('approved');
      await waitForState(server, registration.id, ['provisioned']);
      const database = (name: string) => ({
        host: 'db.example.com',
        database: name,
        username: name,
        password: { name: 'camunda-credentials', key: `${name}-password` },
      });
      const finish = (id: string) =>
        request(server)
          .post(`/api/camunda-entra/requests/${id}/finish`)
          .set('Authorization', as(ALICE))
          .send({});

      const upgrade = await createRequest(server, {
        kind: 'upgrade',
        entityRef: PAYMENTS,
        chart: '8.10',
        with: {
          databases: {
            identity: database('identity'),
            camundaHub: database('hub'),
          },
          secondaryStorage: {
            type: 'externalElasticsearch',
            url: 'https://search.example.com:9200',
          },
        },
      });
      expect(upgrade.state).toBe('pending');
      expect((await finish(upgrade.id)).status).toBe(409);
      expect((await finish(registration.id)).status).toBe(400);
      const uniqueNames = () => [...directory.applications.keys()].sort();
      const before = uniqueNames();
      const applied = await approved(server, upgrade);
      // No local publishing target: the request says how to get the new values.
      expect(applied.history.map(e => e.comment)).toContainEqual(
        expect.stringMatching(
          /^the 8\.10 values were not published: camundaEntra\.publish\.local is not enabled; generate them with camunda-entra values/,
        ),
      );
      expect(uniqueNames()).toEqual(
        expect.arrayContaining([
          ...before,
          'camunda-payments-camunda-hub-ui',
          'camunda-payments-camunda-hub-api',
        ]),
      );

      const finished = await finish(upgrade.id);
      expect(finished.status).toBe(200);
      expect(uniqueNames()).not.toContain('camunda-payments-console');
      expect(uniqueNames()).toContain('camunda-payments-camunda-hub-ui');
    });

    it('never auto-approves a change of an existing registration', async () => {
      const { server } = await start({
        ...ownedByAlice,
        camundaEntra: {
          approval: { autoApprove: [{ namespaces: ['payments-*'] }] },
        },
      });
      const created = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });
      expect(created.state).toBe('approved');
      await waitForState(server, created.id, ['provisioned']);

      const change = await createRequest(server, {
        spec: FULL_SPEC,
        entityRef: PAYMENTS,
      });

      expect(change.state).toBe('pending');
    });
  });

  it('refuses with 400 a namespace the secret sink may not write to, before anything is stored', async () => {
    const { server, send } = await start({
      camundaEntra: {
        secretSink: {
          type: 'kubernetes',
          kubernetes: { allowedNamespaces: ['payments-*'] },
        },
      },
    });

    for (const namespace of ['kube-system', 'billing']) {
      const response = await request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE))
        .send({ spec: { ...FULL_SPEC, namespace } });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^namespace: /);
    }
    const listed = await request(server)
      .get('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE));
    expect(listed.body.items).toEqual([]);
    expect(send).not.toHaveBeenCalled();
  });
});
