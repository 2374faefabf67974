import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import camundaEntraPlugin from '@camunda-entra/plugin-camunda-entra-backend';
import camundaEntraPolicy from '@camunda-entra/plugin-permission-backend-module-camunda-entra';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { sandboxDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onBehalfOfAuthFactory } from './__testUtils__/onBehalfOfAuth';

// A catalog, the permission backend with our policy and the plugin, against a sandbox tenant.
jest.setTimeout(120_000);

const ENTITY_REF = 'component:default/camunda-payments';
const PEOPLE = {
  /** Holds no claim on anything. */
  mallory: ['user:default/mallory'],
  /** Makes the request; not an owner of the entity. */
  dana: ['user:default/dana', 'group:default/developers'],
  /** Owner of the deployment's entity through her group. */
  olivia: ['user:default/olivia', 'group:default/payments-team'],
  /** Approver through the platform team. */
  pat: ['user:default/pat', 'group:default/platform-team'],
};
type Person = keyof typeof PEOPLE;
type Caller = Person | 'anonymous' | 'service';

const SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.9',
  components: { orchestration: {}, identity: {}, optimize: {} },
  admins: ['alice@example.com'],
};

function deploymentEntity(
  name: string,
  deployment: string,
  tenantId: string,
  owner: string,
) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    camunda-entra.io/deployment: ${deployment}
    camunda-entra.io/tenant-id: ${tenantId}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;
}

/**
 * The payments deployment's entity; one that Dana's team registered for the billing name, which
 * Mallory's request reserved; and one naming payments in another tenant.
 */
function catalogInfo(tenantId: string) {
  return [
    deploymentEntity(
      'camunda-payments',
      'payments',
      tenantId,
      'group:default/payments-team',
    ),
    deploymentEntity(
      'camunda-billing',
      'billing',
      tenantId,
      'group:default/developers',
    ),
    deploymentEntity(
      'camunda-foreign',
      'payments',
      '00000000-0000-4000-8000-00000000f0e1',
      'group:default/payments-team',
    ),
  ].join('---\n');
}

describe('authorization of the camunda-entra API with the shipped policy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authorization-matrix-'));
  let sandbox: EntraSandbox;
  let baseUrl: string;
  let stop: () => Promise<void>;
  let pending: string;
  let requested: string;

  function header(caller: Caller, targetPluginId = 'camunda-entra'): string {
    if (caller === 'anonymous') {
      return mockCredentials.none.header();
    }
    if (caller === 'service') {
      return mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:scaffolder'),
        targetPluginId,
      });
    }
    return mockCredentials.user.header(PEOPLE[caller][0]);
  }

  async function call(
    caller: Caller,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${baseUrl}/api/camunda-entra${url}`, {
      method,
      headers: {
        Authorization: header(caller),
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  async function create(caller: Person, body: unknown): Promise<string> {
    const created = await call(caller, 'POST', '/requests', body);
    if (created.status !== 201) {
      throw new Error(`${caller} could not make a request: ${created.status}`);
    }
    return created.body.id;
  }

  beforeAll(async () => {
    sandbox = await startEntraSandbox({
      stateFile: path.join(dir, 'sandbox.json'),
      caFile: path.join(dir, 'ca.pem'),
    });
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(catalogFile, catalogInfo(sandbox.tenantId));
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        camundaEntraPolicy,
        camundaEntraPlugin,
        onBehalfOfAuthFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [{ type: 'file', target: catalogFile }],
            },
            camundaEntra: {
              approval: {
                approvers: ['group:default/platform-team'],
                allowSelfApproval: false,
              },
              secretSink: {
                type: 'local',
                local: { directory: path.join(dir, 'secrets') },
              },
              directory: sandboxDirectoryConfig(sandbox),
            },
          },
        }),
        // Group memberships as the sign-in resolver would put them into the token.
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: BackstageCredentials) {
              const ref = (credentials.principal as BackstageUserPrincipal)
                .userEntityRef;
              const person = (Object.keys(PEOPLE) as Person[]).find(
                name => PEOPLE[name][0] === ref,
              );
              return {
                userEntityRef: ref,
                ownershipEntityRefs: person ? PEOPLE[person] : [ref],
              };
            },
          }),
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    });
    const { port } = backend.server.address() as { port: number };
    baseUrl = `http://localhost:${port}`;
    stop = () => backend.stop();

    // The catalog processes its location in the background.
    for (let i = 0; ; i++) {
      const response = await fetch(
        `${baseUrl}/api/catalog/entities/by-name/component/default/camunda-payments`,
        { headers: { Authorization: header('service', 'catalog') } },
      );
      if (response.ok) {
        break;
      }
      if (i > 300) {
        throw new Error(
          `the catalog never served the deployment entity: ${
            response.status
          } ${await response.text()}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }

    requested = await create('dana', { spec: SPEC, entityRef: ENTITY_REF });
    pending = await create('mallory', {
      spec: { ...SPEC, name: 'billing', namespace: 'billing' },
    });
  });

  afterAll(async () => {
    await stop?.();
    await sandbox?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ids = async (caller: Caller) =>
    ((await call(caller, 'GET', '/requests')).body.items ?? []).map(
      (item: { id: string }) => item.id,
    );

  it('lists to each caller only the requests they may read', async () => {
    expect((await call('anonymous', 'GET', '/requests')).status).toBe(401);
    expect(await ids('mallory')).toEqual([pending]);
    expect(await ids('dana')).toEqual([requested]);
    expect(await ids('olivia')).toEqual([requested]);
    expect((await ids('pat')).sort()).toEqual([pending, requested].sort());
    expect((await ids('service')).sort()).toEqual([pending, requested].sort());
  });

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['mallory', 404],
    ['dana', 200],
    ['olivia', 200],
    ['pat', 200],
    ['service', 200],
  ])('GET /requests/:id as %s: %i', async (caller, status) => {
    const response = await call(caller, 'GET', `/requests/${requested}`);
    expect([response.status, response.body.id]).toEqual([
      status,
      status === 200 ? requested : undefined,
    ]);
  });

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['mallory', 403],
    ['dana', 403],
    ['olivia', 200],
    ['pat', 200],
    ['service', 200],
  ])('GET /status as %s: %i', async (caller, status) => {
    const response = await call(
      caller,
      'GET',
      `/status?entityRef=${encodeURIComponent(ENTITY_REF)}`,
    );
    expect([response.status, response.body.entityRef]).toEqual([
      status,
      status === 200 ? ENTITY_REF : undefined,
    ]);
  });

  // Past authorization a rotation of an unprovisioned entity fails on its missing client.
  it.each<[Caller, number, string]>([
    ['anonymous', 401, ''],
    ['mallory', 403, 'permission camunda-entra.secret.rotate'],
    ['dana', 403, 'permission camunda-entra.secret.rotate'],
    ['olivia', 400, 'has no Entra client'],
    ['pat', 400, 'has no Entra client'],
    ['service', 403, ''],
  ])(
    'POST /requests (rotation) as %s: %i %s',
    async (caller, status, message) => {
      const response = await call(caller, 'POST', '/requests', {
        kind: 'rotate',
        entityRef: ENTITY_REF,
        client: 'optimize',
      });
      expect(response.status).toBe(status);
      expect(response.body.error.message).toContain(message);
    },
  );

  // A repair is guarded like a rotation; past authorization the unprovisioned entity has no
  // recorded registration to repair to.
  it.each<[Caller, number, string]>([
    ['anonymous', 401, ''],
    ['mallory', 403, 'permission camunda-entra.secret.rotate'],
    ['dana', 403, 'permission camunda-entra.secret.rotate'],
    ['olivia', 409, 'No registration of the deployment payments'],
    ['pat', 409, 'No registration of the deployment payments'],
    ['service', 403, ''],
  ])(
    'POST /requests (repair) as %s: %i %s',
    async (caller, status, message) => {
      const response = await call(caller, 'POST', '/requests', {
        kind: 'repair',
        entityRef: ENTITY_REF,
      });
      expect(response.status).toBe(status);
      expect(response.body.error.message).toContain(message);
    },
  );

  // Verifying changes nothing: whoever reads the Entra state may, users only. Past
  // authorization the unprovisioned entity has no recorded registration to verify.
  it.each<[Caller, number, string]>([
    ['anonymous', 401, ''],
    ['mallory', 403, 'permission camunda-entra.status.read'],
    ['dana', 403, 'permission camunda-entra.status.read'],
    ['olivia', 409, 'No registration of the deployment payments'],
    ['pat', 409, 'No registration of the deployment payments'],
    ['service', 403, ''],
  ])('POST /verifications as %s: %i %s', async (caller, status, message) => {
    const response = await call(caller, 'POST', '/verifications', {
      entityRef: ENTITY_REF,
    });
    expect(response.status).toBe(status);
    expect(response.body.error.message).toContain(message);
  });

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['mallory', 403],
    ['dana', 403],
    ['olivia', 403],
    ['service', 403],
  ])(
    'POST /requests/:id/approve and /reject as %s: %i',
    async (caller, status) => {
      for (const decision of ['approve', 'reject']) {
        const response = await call(
          caller,
          'POST',
          `/requests/${requested}/${decision}`,
          { comment: 'no' },
        );
        expect(response.status).toBe(status);
      }
      expect(
        (await call('pat', 'GET', `/requests/${requested}`)).body.state,
      ).toBe('pending');
    },
  );

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['mallory', 403],
    ['olivia', 403],
    ['dana', 409],
    ['pat', 409],
    ['service', 403],
  ])('POST /requests/:id/retry as %s: %i', async (caller, status) => {
    // Only failed requests are retried: past authorization the pending one is a conflict.
    const response = await call(caller, 'POST', `/requests/${requested}/retry`);
    expect(response.status).toBe(status);
  });

  // The catalog entity says Dana's team owns it, but the billing name is Mallory's reservation.
  it.each<[Caller, number]>([
    ['mallory', 403],
    ['dana', 403],
    ['pat', 200],
  ])(
    'GET /status of an entity registered for another team’s deployment as %s: %i',
    async (caller, status) => {
      const response = await call(
        caller,
        'GET',
        `/status?entityRef=${encodeURIComponent(
          'component:default/camunda-billing',
        )}`,
      );
      expect(response.status).toBe(status);
    },
  );

  it.each<Caller>(['olivia', 'pat', 'service'])(
    'GET /status of an entity annotated with another tenant as %s: 404',
    async caller => {
      const response = await call(
        caller,
        'GET',
        `/status?entityRef=${encodeURIComponent(
          'component:default/camunda-foreign',
        )}`,
      );
      expect(response.status).toBe(404);
    },
  );

  it('refuses another request for a reserved name with 409 naming the request that holds it', async () => {
    const response = await call('mallory', 'POST', '/requests', {
      spec: { ...SPEC, namespace: 'mallory' },
    });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(
      `reserved in this tenant by request ${requested}`,
    );
  });

  it('lets an approver approve, after which the request is provisioned', async () => {
    const approved = await call(
      'pat',
      'POST',
      `/requests/${requested}/approve`,
      {
        comment: 'fine',
      },
    );
    expect(approved.status).toBe(200);
    let state = approved.body.state;
    for (
      let i = 0;
      i < 400 && !['provisioned', 'failed'].includes(state);
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
      state = (await call('dana', 'GET', `/requests/${requested}`)).body.state;
    }
    expect(state).toBe('provisioned');

    // The provisioned deployment is verified right away; its owner and approvers verify again.
    const verified = async () =>
      (
        await call(
          'olivia',
          'GET',
          `/status?entityRef=${encodeURIComponent(ENTITY_REF)}`,
        )
      ).body.lastVerification;
    for (let i = 0; i < 400 && !(await verified()); i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(await verified()).toMatchObject({ passed: true });
    for (const caller of ['olivia', 'pat'] as const) {
      const response = await call(caller, 'POST', '/verifications', {
        entityRef: ENTITY_REF,
      });
      expect([caller, response.status, response.body.passed]).toEqual([
        caller,
        200,
        true,
      ]);
    }
    expect(
      (
        await call('dana', 'POST', '/verifications', {
          entityRef: ENTITY_REF,
        })
      ).status,
    ).toBe(403);
  });

  describe('once provisioned, by the recorded owner', () => {
    const ROTATE = {
      kind: 'rotate',
      entityRef: ENTITY_REF,
      client: 'optimize',
    };
    const status = async (caller: Caller) =>
      (
        await call(
          caller,
          'GET',
          `/status?entityRef=${encodeURIComponent(ENTITY_REF)}`,
        )
      ).status;

    it.each<[Caller, number]>([
      ['mallory', 403],
      ['dana', 403],
      ['olivia', 201],
      ['pat', 201],
    ])(
      'POST /requests (provision again) as %s: %i',
      async (caller, expected) => {
        const response = await call(caller, 'POST', '/requests', {
          spec: SPEC,
          entityRef: ENTITY_REF,
        });
        expect([response.status, response.body.error?.message ?? '']).toEqual([
          expected,
          expect.stringContaining(
            expected === 403 ? 'owned by group:default/payments-team' : '',
          ),
        ]);
        if (response.status === 201) {
          await call('pat', 'POST', `/requests/${response.body.id}/reject`, {
            comment: 'not now',
          });
        }
      },
    );

    it('moves status and rotation rights with a transfer asked for by the owner and approved', async () => {
      const refused = await call('dana', 'POST', '/requests', {
        kind: 'transfer',
        entityRef: ENTITY_REF,
        owner: 'group:default/developers',
      });
      expect(refused.status).toBe(403);

      const transfer = await call('olivia', 'POST', '/requests', {
        kind: 'transfer',
        entityRef: ENTITY_REF,
        owner: 'group:default/developers',
      });
      expect(transfer.status).toBe(201);
      expect(transfer.body.plan.ownership).toEqual({
        owner: 'group:default/payments-team',
        transferTo: 'group:default/developers',
      });
      // Olivia reads her own request; Dana's team reads it as the new owner.
      expect(await ids('dana')).toContain(transfer.body.id);
      expect(
        (await call('pat', 'POST', `/requests/${transfer.body.id}/approve`, {}))
          .status,
      ).toBe(200);
      let state = '';
      for (let i = 0; i < 200 && state !== 'provisioned'; i++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        state = (await call('pat', 'GET', `/requests/${transfer.body.id}`)).body
          .state;
      }
      expect(state).toBe('provisioned');

      // The catalog entity still names payments-team: the recorded owner decides.
      expect([await status('dana'), await status('olivia')]).toEqual([
        200, 403,
      ]);
      const byDana = await call('dana', 'POST', '/requests', ROTATE);
      const byOlivia = await call('olivia', 'POST', '/requests', ROTATE);
      // Past authorization the entity has no client annotations to rotate.
      expect([byDana.status, byDana.body.error.message]).toEqual([
        400,
        expect.stringContaining('has no Entra client'),
      ]);
      expect([byOlivia.status, byOlivia.body.error.message]).toEqual([
        403,
        expect.stringContaining('owned by group:default/developers'),
      ]);
    });
  });
});
