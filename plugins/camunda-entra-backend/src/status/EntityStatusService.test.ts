import { CacheManager } from '@backstage/backend-defaults/cache';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  ComponentEntraStatus,
  DeploymentSpec,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  RegisteredApplication,
} from '@camunda-entra/plugin-camunda-entra-node';
import { deploymentEntity } from '../__testUtils__/entities';
import { PAYMENTS_WORKER } from '../__testUtils__/machineClients';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import {
  recordProvisionedRequest,
  storeSpecAsEarlierRelease,
} from '../__testUtils__/requests';
import {
  sandboxSpec,
  startSandboxDirectory,
} from '../__testUtils__/sandboxDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { VerificationStore } from '../database/VerificationStore';
import { FleetStatusStore } from '../database/FleetStatusStore';
import { EntityStatusService } from './EntityStatusService';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const ENTITY_REF = 'component:default/camunda-payments';
const ALICE = mockCredentials.user('user:default/alice');
const SECRET_LIFETIMES: Record<string, number> = {
  orchestration: 180,
  identity: 20,
  optimize: 3,
  webModelerApi: 90,
  'machine.payments-worker': 60,
};

describe('EntityStatusService against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let directory: DefaultEntraDirectory;
  let spec: DeploymentSpec;
  let registered: RegisteredApplication[];
  let entity: Entity;
  const secretTexts: string[] = [];

  beforeAll(async () => {
    ({ sandbox, directory } = await startSandboxDirectory());
    spec = { ...sandboxSpec(sandbox), machineClients: [PAYMENTS_WORKER] };
    registered = await directory.registerDeployment(spec, { secrets: 'never' });
    for (const app of registered) {
      const days = SECRET_LIFETIMES[app.client];
      if (days) {
        const secret = await directory.addSecret(app.objectId, {
          displayName: `${app.client} secret`,
          lifetimeDays: days,
        });
        secretTexts.push(secret.secretText);
      }
    }
    entity = deploymentEntity({
      deployment: spec.name,
      tenantId: sandbox.tenantId,
      clients: registered,
    });
  });

  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.clearInjectedErrors();
    sandbox.admin.resetCounters();
  });

  /** Those of the service createService made last. */
  let verifications: VerificationStore;
  let requests: DatabaseRequestStore;
  let fleet: FleetStatusStore;

  async function createService(
    options: {
      now?: () => number;
      catalog?: ReturnType<typeof catalogServiceMock>;
      permissions?: PermissionsService;
      withRequest?: boolean;
      /** The entity the recorded registration belongs to. */
      registeredFor?: string;
      /** The JSON an earlier release stored the registration's spec as. */
      storedSpec?: Record<string, unknown>;
      portalTenantId?: string;
    } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const store = await DatabaseRequestStore.create({ database });
    verifications = await VerificationStore.create({ database });
    fleet = await FleetStatusStore.create({ database });
    requests = store;
    if (options.withRequest ?? true) {
      const registration = await recordProvisionedRequest(
        store,
        spec,
        registered,
        { entityRef: options.registeredFor ?? ENTITY_REF },
      );
      if (options.storedSpec) {
        await storeSpecAsEarlierRelease(
          knex,
          registration.id,
          options.storedSpec,
        );
      }
    }
    return EntityStatusService.create({
      catalog: options.catalog ?? catalogServiceMock({ entities: [entity] }),
      permissions: options.permissions ?? mockServices.permissions(),
      directory,
      store,
      sink: new MemorySecretSink(),
      verifications,
      cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
        'camunda-entra',
      ),
      monitoring: {
        secretExpiry: { warningDays: 30, criticalDays: 7 },
        statusCacheTtlMs: 60_000,
      },
      fleet,
      now: options.now,
      portalTenantId: options.portalTenantId,
    });
  }

  const component = (components: ComponentEntraStatus[], client: string) =>
    components.find(c => c.client === client)!;

  it('reports every component: names, client IDs, URIs, tokens, claims, service principal and secrets', async () => {
    const service = await createService();

    const status = await service.getStatus(ENTITY_REF, ALICE);

    expect(status).toMatchObject({
      entityRef: ENTITY_REF,
      deployment: 'payments',
      tenantId: sandbox.tenantId,
    });
    expect(status.stale).toBeUndefined();
    expect(status.components.map(c => c.client)).toEqual([
      'orchestration',
      'identity',
      'optimize',
      'webModelerUi',
      'webModelerApi',
      'console',
      'machine.payments-worker',
    ]);
    const plans = planEntraApplications(spec);
    for (const plan of plans) {
      const app = registered.find(r => r.client === plan.client)!;
      expect(component(status.components, plan.client)).toMatchObject({
        appId: app.appId,
        objectId: app.objectId,
        found: true,
        displayName: plan.displayName,
        expectedPlatform: plan.platform,
        actualPlatform: plan.platform,
        redirectUris: {
          expected: plan.redirectUris,
          actual: plan.redirectUris,
          missing: [],
          unexpected: [],
        },
        accessTokenVersion2: true,
        preferredUsernameClaim: true,
        servicePrincipal: true,
        portalUrl: `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${app.appId}`,
      });
    }
    const secretOf = (client: string) =>
      component(status.components, client).secrets;
    expect(secretOf('orchestration')).toEqual([
      expect.objectContaining({
        displayName: 'orchestration secret',
        hint: expect.stringMatching(/^.{3}$/),
        keyId: expect.any(String),
        startDateTime: expect.any(String),
        daysLeft: 179,
        status: 'ok',
      }),
    ]);
    expect(secretOf('identity')[0]).toMatchObject({
      daysLeft: 19,
      status: 'expiring',
    });
    expect(secretOf('optimize')[0]).toMatchObject({
      daysLeft: 2,
      status: 'critical',
    });
    expect(secretOf('console')).toEqual([]);
    expect(secretOf('machine.payments-worker')[0]).toMatchObject({
      daysLeft: 59,
      status: 'ok',
    });
    expect(
      component(status.components, 'machine.payments-worker'),
    ).toMatchObject({ expectedPlatform: 'none', health: 'ok', problems: [] });
    expect(component(status.components, 'orchestration').health).toBe('ok');
    expect(component(status.components, 'identity')).toMatchObject({
      health: 'warning',
      problems: [
        expect.stringMatching(/newest client secret expires in 19 days/),
      ],
    });
    expect(component(status.components, 'optimize').health).toBe('error');
    expect(component(status.components, 'console').health).toBe('ok');
    expect(status.health).toBe('error');
    // Where the sink keeps each secret; SPAs have none.
    const target = `memory ${spec.namespace}/${spec.secrets.entra}`;
    expect(component(status.components, 'orchestration').secretLocation).toBe(
      `key orchestration-cluster-client-secret of ${target}`,
    );
    expect(
      component(status.components, 'machine.payments-worker').secretLocation,
    ).toBe(`key machine-payments-worker-client-secret of ${target}`);
    expect(component(status.components, 'console').secretLocation).toBe(
      undefined,
    );
    const json = JSON.stringify(status);
    for (const text of secretTexts) {
      expect(json).not.toContain(text);
    }
  });

  it('reads a deployment’s applications and their service principals in one batched Graph request', async () => {
    const service = await createService();

    await service.getStatus(ENTITY_REF, ALICE);

    expect(sandbox.admin.counters()).toMatchObject({
      graphRequests: 1,
      byOperation: { 'GET applications': 1, 'GET servicePrincipals': 1 },
    });
  });

  it('marks secrets expired as their end date passes', async () => {
    const service = await createService({ now: () => Date.now() + 4 * DAY });

    const status = await service.getStatus(ENTITY_REF, ALICE);

    expect(component(status.components, 'optimize')).toMatchObject({
      secrets: [expect.objectContaining({ daysLeft: -2, status: 'expired' })],
      problems: [expect.stringMatching(/^No valid client secret/)],
      health: 'error',
    });
    expect(component(status.components, 'identity').secrets[0]).toMatchObject({
      daysLeft: 15,
      status: 'expiring',
    });
  });

  it('flags redirect URIs edited in the directory as missing and unexpected', async () => {
    const [webModelerUi] = planEntraApplications(spec).filter(
      plan => plan.client === 'webModelerUi',
    );
    // What someone editing the application by hand would do: another URI instead of ours.
    await directory.registerApplication(
      { ...webModelerUi, redirectUris: ['https://modeler.example.org/cb'] },
      { deployment: spec.name },
    );
    try {
      const service = await createService();

      const status = await service.getStatus(ENTITY_REF, ALICE);

      expect(component(status.components, 'webModelerUi')).toMatchObject({
        redirectUris: {
          expected: webModelerUi.redirectUris,
          actual: ['https://modeler.example.org/cb'],
          missing: webModelerUi.redirectUris,
          unexpected: ['https://modeler.example.org/cb'],
        },
        problems: [
          `Missing redirect URIs (sign-in fails with AADSTS50011): ${webModelerUi.redirectUris[0]}`,
          'Unexpected redirect URIs, added outside the portal: https://modeler.example.org/cb',
        ],
        health: 'error',
      });
    } finally {
      await directory.registerApplication(webModelerUi, {
        deployment: spec.name,
      });
    }
  });

  it('answers from the cache within the TTL and reads Graph again after it', async () => {
    let now = Date.now();
    const service = await createService({ now: () => now });

    const first = await service.getStatus(ENTITY_REF, ALICE);
    now += 30_000;
    const cached = await service.getStatus(ENTITY_REF, ALICE);
    expect(sandbox.admin.counters().graphRequests).toBe(1);
    expect(cached.fetchedAt).toBe(first.fetchedAt);

    now += 31_000;
    const fresh = await service.getStatus(ENTITY_REF, ALICE);
    expect(sandbox.admin.counters().graphRequests).toBe(2);
    expect(fresh.fetchedAt).toBe(new Date(now).toISOString());
  });

  it('writes each fresh read of a registered deployment through to the fleet view’s cache, and a stale answer never', async () => {
    let now = Date.now();
    const service = await createService({ now: () => now });
    const listed = async () =>
      (
        await fleet.list(
          { sort: 'deployment', order: 'asc', limit: 50 },
          { all: true },
        )
      ).items;

    const status = await service.getStatus(ENTITY_REF, ALICE);
    const [cached] = await listed();
    expect(cached).toMatchObject({
      deployment: 'payments',
      entityRef: ENTITY_REF,
      health: status.health,
      driftCount: 0,
      checkedAt: status.fetchedAt,
      nextExpiry: { client: 'optimize' },
    });

    now += 90_000;
    sandbox.admin.injectError({
      status: 500,
      count: 10,
      pathContains: '/applications',
    });
    expect((await service.getStatus(ENTITY_REF, ALICE)).stale).toBeDefined();
    expect(await listed()).toEqual([cached]);
  });

  it('returns the last known state with its age and the error when Graph fails', async () => {
    let now = Date.now();
    const service = await createService({ now: () => now });
    const known = await service.getStatus(ENTITY_REF, ALICE);

    now += 90_000;
    sandbox.admin.injectError({
      status: 500,
      count: 10,
      pathContains: '/applications',
    });
    const stale = await service.getStatus(ENTITY_REF, ALICE);

    expect(stale.components).toEqual(known.components);
    expect(stale.fetchedAt).toBe(known.fetchedAt);
    expect(stale.stale).toEqual({
      ageSeconds: 90,
      error: expect.stringMatching(/failed with 500 InternalServerError/),
    });
  });

  it("carries the deployment's last sign-in verification, once there is one", async () => {
    const service = await createService();
    const verification = {
      verifiedAt: '2026-12-07T01:00:00.000Z',
      passed: false,
      checks: 9,
      problems: [
        {
          client: 'optimize' as const,
          check: 'redirectUris' as const,
          message:
            'redirect URI https://optimize.example.com/api/authentication/callback is not registered',
          entraError: 'AADSTS50011',
        },
      ],
    };
    expect(
      (await service.getStatus(ENTITY_REF, ALICE)).lastVerification,
    ).toBeUndefined();

    const registration = (await requests.findProvisioned({ name: spec.name }))!;
    expect(
      await verifications.begin(registration, {
        owner: 'o',
        durationMs: 60_000,
      }),
    ).toBe(true);
    await verifications.finish(registration, 'o', verification);

    expect(
      (await service.getStatus(ENTITY_REF, ALICE)).lastVerification,
    ).toEqual(verification);
  });

  it('answers 503 with the error when Graph fails and no state is known', async () => {
    const service = await createService();
    sandbox.admin.injectError({ status: 500, pathContains: '/applications' });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /Could not read the Entra applications of component:default\/camunda-payments, and no earlier state is known: .*500/,
      ),
    });
  });

  it('reads the entity with the caller’s credentials: what the catalog hides is not found', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async (_ref, options) =>
        (options as { credentials: typeof ALICE }).credentials.principal
          .userEntityRef === 'user:default/alice'
          ? entity
          : undefined,
      ),
    });
    const service = await createService({ catalog });
    const mallory = mockCredentials.user('user:default/mallory');

    await expect(service.getStatus(ENTITY_REF, mallory)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(service.getStatus(ENTITY_REF, ALICE)).resolves.toMatchObject({
      entityRef: ENTITY_REF,
    });
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(ENTITY_REF, {
      credentials: mallory,
    });
    // Only Alice's request read the directory.
    expect(sandbox.admin.counters().graphRequests).toBe(1);
  });

  it('passes the catalog’s refusal on', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => {
        throw new NotAllowedError('not for you');
      }),
    });
    const service = await createService({ catalog });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toThrow(
      NotAllowedError,
    );
  });

  it('refuses entities that are not Camunda deployments and malformed refs', async () => {
    const other: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'website', namespace: 'default' },
      spec: { owner: 'group:default/web' },
    };
    const service = await createService({
      catalog: catalogServiceMock({ entities: [other] }),
    });

    await expect(
      service.getStatus('component:default/website', ALICE),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/is not a Camunda deployment/),
    });
    await expect(service.getStatus('website', ALICE)).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('says when expected redirect URIs are unknown because no provisioning is recorded', async () => {
    const service = await createService({ withRequest: false });

    const status = await service.getStatus(ENTITY_REF, ALICE);

    expect(component(status.components, 'optimize')).toMatchObject({
      expectedPlatform: 'web',
      redirectUris: {
        expected: [],
        actual: ['https://optimize.example.com/api/authentication/callback'],
        missing: [],
        unexpected: [],
      },
      problems: expect.arrayContaining([
        'Expected redirect URIs are unknown: this portal has no record of provisioning this client',
      ]),
    });
    expect(component(status.components, 'orchestration').health).toBe(
      'warning',
    );
    expect(
      component(status.components, 'orchestration').secretLocation,
    ).toBeUndefined();
  });

  it('asks the policy for camunda-entra.status.read on the entity and reads nothing when refused', async () => {
    const authorize = jest.fn(async () => [{ result: AuthorizeResult.DENY }]);
    const service = await createService({
      permissions: mockServices.permissions.mock({
        authorize: authorize as PermissionsService['authorize'],
      }),
    });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('camunda-entra.status.read'),
    });
    expect(authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'camunda-entra.status.read',
          }),
          resourceRef: ENTITY_REF,
        },
      ],
      { credentials: ALICE },
    );
    expect(sandbox.admin.counters().graphRequests).toBe(0);
  });

  it('answers 404 for an entity annotated with another tenant than the portal’s, asking and reading nothing', async () => {
    const authorize = jest.fn(async () => [{ result: AuthorizeResult.ALLOW }]);
    const foreign = deploymentEntity({
      deployment: spec.name,
      tenantId: '00000000-0000-4000-8000-00000000f0e1',
      clients: registered,
    });
    const service = await createService({
      portalTenantId: sandbox.tenantId.toUpperCase(),
      catalog: catalogServiceMock({ entities: [foreign] }),
      permissions: mockServices.permissions.mock({
        authorize: authorize as PermissionsService['authorize'],
      }),
    });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining('another tenant'),
    });
    expect(authorize).not.toHaveBeenCalled();
    expect(sandbox.admin.counters().graphRequests).toBe(0);
  });

  it('reads an entity of the portal’s tenant, its annotation compared case-insensitively', async () => {
    const service = await createService({
      portalTenantId: sandbox.tenantId.toUpperCase(),
    });

    const status = await service.getStatus(ENTITY_REF, ALICE);

    expect(status.tenantId).toBe(sandbox.tenantId.toUpperCase());
    expect(status.components.length).toBeGreaterThan(0);
  });

  it('refuses an entity that names a deployment registered for another entity', async () => {
    const service = await createService({
      registeredFor: 'component:default/the-real-owner',
    });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'registered for component:default/the-real-owner',
      ),
    });
    expect(sandbox.admin.counters().graphRequests).toBe(0);
  });

  it('refuses a registration whose stored spec no longer validates, naming its problems, reading nothing', async () => {
    // As an earlier release stored it, with a field this one no longer knows.
    const service = await createService({
      storedSpec: { ...spec, preview: true },
    });

    await expect(service.getStatus(ENTITY_REF, ALICE)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^The spec stored with request [-0-9a-f]+ is no longer valid \(preview: is not a known field\)/,
      ),
    });
    expect(sandbox.admin.counters().graphRequests).toBe(0);
  });

  it('shows an annotated application of another deployment as not part of this one', async () => {
    const [other] = await directory.registerDeployment(
      { ...spec, name: 'billing' },
      { secrets: 'never' },
    );
    const intruder = deploymentEntity({
      deployment: spec.name,
      tenantId: sandbox.tenantId,
      clients: [
        ...registered.filter(app => app.client !== other.client),
        { client: other.client, appId: other.appId },
      ],
    });
    const service = await createService({
      catalog: catalogServiceMock({ entities: [intruder] }),
    });

    const status = await service.getStatus(ENTITY_REF, ALICE);

    expect(component(status.components, other.client)).toMatchObject({
      found: false,
      secrets: [],
      health: 'error',
      problems: [
        `Client ID ${other.appId} is not part of this deployment: its application is neither tagged for ${spec.name} nor recorded by its registration`,
      ],
    });
  });
});
