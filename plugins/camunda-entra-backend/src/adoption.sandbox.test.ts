import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  ComponentEntraStatus,
  deploymentClientLabel,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { ENTRA_SECRET_KEYS } from '@camunda-entra/plugin-camunda-entra-node';
import request from 'supertest';
import { editInSandbox } from './__testUtils__/editInSandbox';
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

/** The hand-made secrets end in 20 days: the card warns about them. */
const HAND_MADE_SECRET_END = new Date(Date.now() + 20 * 86_400_000);

/**
 * A deployment registered by hand the way the guide describes it (an application per component
 * under the component's name, no tags, no uniqueName, a secret made in the admin center for
 * each web application), adopted through the REST API, watched and rotated by the portal.
 */
describe('adoption of a hand-made deployment against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 11 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  /** Waits out replication, as someone clicking through the admin center would. */
  async function eventually<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (attempt > 100 || !/ 404 /.test(String(error))) throw error;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    }
  }

  /** Registers FULL_SPEC's applications by hand; their client IDs by client key. */
  async function registerByHand() {
    // Not the suite's `let`: the calls in the loop below keep this one.
    const hub = sandbox;
    const spec = validateDeploymentSpec({
      ...FULL_SPEC,
      tenant: { id: hub.tenantId },
    });
    if (!spec.valid) throw new Error('FULL_SPEC is invalid');
    const clients: Record<string, string> = {};
    const handMadeSecrets: Record<string, string> = {};
    for (const plan of planEntraApplications(spec.spec)) {
      const created = await editInSandbox(hub, 'POST', '/applications', {
        displayName: deploymentClientLabel(plan.client),
        ...(plan.platform === 'web' && {
          web: { redirectUris: plan.redirectUris },
        }),
        ...(plan.platform === 'spa' && {
          spa: { redirectUris: plan.redirectUris },
        }),
        api: { requestedAccessTokenVersion: 2 },
      });
      clients[plan.client] = created.appId;
      // The admin center makes the enterprise application (service principal) with it.
      await eventually(() =>
        editInSandbox(hub, 'POST', '/servicePrincipals', {
          appId: created.appId,
        }),
      );
      if (plan.needsSecret) {
        const secret = await eventually(() =>
          editInSandbox(
            hub,
            'POST',
            `/applications/${created.id}/addPassword`,
            {
              passwordCredential: {
                displayName: 'made in the admin center',
                endDateTime: HAND_MADE_SECRET_END.toISOString(),
              },
            },
          ),
        );
        handMadeSecrets[plan.client] = secret.keyId;
      }
    }
    for (const appId of Object.values(clients)) {
      await eventually(() =>
        editInSandbox(hub, 'GET', `/applications(appId='${appId}')`),
      );
    }
    return { clients, handMadeSecrets };
  }

  it('adopts the applications without changing them, shows their hand-made secrets, and rotates them to exactly the portal’s secret', async () => {
    const sink = new MemorySecretSink();
    const scheduler = mockServices.scheduler();
    const { server, waitFor, adopt, status } = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink,
      grants: GRANTS,
      monitoring: {
        status: { cacheTtl: { milliseconds: 0 } },
        rotation: { gracePeriod: { milliseconds: 0 } },
      },
      scheduler,
    });
    const { clients, handMadeSecrets } = await registerByHand();
    // The Secret the guide's kubectl create secret made, with a text per web application.
    const secretKey = `${FULL_SPEC.namespace}/entra-credentials`;
    const handMadeTexts = Object.fromEntries(
      Object.keys(handMadeSecrets).map(client => [
        ENTRA_SECRET_KEYS[client as keyof typeof ENTRA_SECRET_KEYS]!,
        `copied from the admin center for ${client}`,
      ]),
    );
    sink.written.set(secretKey, { ...handMadeTexts });
    const before = JSON.stringify(sandbox.admin.directory().applications);

    const adopted = await adopt(clients);

    expect(adopted).toMatchObject({ kind: 'adopt', clients });
    expect(adopted.plan.ownership?.owner).toBe('user:default/alice');
    const optimizePlan = adopted.plan.applications.find(
      app => app.client === 'optimize',
    )!;
    expect(optimizePlan.existing).toEqual({
      appId: clients.optimize,
      displayName: 'Optimize',
      secrets: [
        {
          keyId: handMadeSecrets.optimize,
          hint: expect.any(String),
          endDateTime: HAND_MADE_SECRET_END.toISOString(),
        },
      ],
    });
    expect(optimizePlan.differences!.map(d => d.property)).toEqual(
      expect.arrayContaining(['displayName', 'tags']),
    );
    // No application, secret or tag written: the directory is as it was.
    expect(JSON.stringify(sandbox.admin.directory().applications)).toBe(before);
    expect(sink.written.get(secretKey)).toEqual(handMadeTexts);

    const card = await status(ALICE);
    expect(card.status).toBe(200);
    const component = (client: string): ComponentEntraStatus =>
      card.body.components.find(
        (c: ComponentEntraStatus) => c.client === client,
      );
    expect(component('optimize')).toMatchObject({
      appId: clients.optimize,
      secrets: [
        {
          keyId: handMadeSecrets.optimize,
          endDateTime: HAND_MADE_SECRET_END.toISOString(),
          status: 'expiring',
        },
      ],
    });

    const rotation = await request(server)
      .post('/api/camunda-entra/requests')
      .set('Authorization', as(ALICE))
      .send({ kind: 'rotate', entityRef: ENTITY_REF, client: 'optimize' });
    expect(rotation.status).toBe(201);
    await request(server)
      .post(`/api/camunda-entra/requests/${rotation.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    const rotated = await waitFor(rotation.body.id, 'provisioned');
    const portalSecret = rotated.secrets!.optimize.keyId;
    const secretsOf = async () =>
      (await status(ALICE)).body.components
        .find((c: ComponentEntraStatus) => c.client === 'optimize')
        .secrets.map((s: { keyId: string }) => s.keyId)
        .sort();
    expect(await secretsOf()).toEqual(
      [portalSecret, handMadeSecrets.optimize].sort(),
    );
    // The portal's secret replaced the hand-made text of its key only.
    const optimizeKey = ENTRA_SECRET_KEYS.optimize!;
    const written = sink.written.get(secretKey)!;
    expect(written[optimizeKey]).not.toBe(handMadeTexts[optimizeKey]);
    expect({ ...written, [optimizeKey]: 'x' }).toEqual({
      ...handMadeTexts,
      [optimizeKey]: 'x',
    });

    await scheduler.triggerTask('camunda-entra-secret-removal');

    expect(await secretsOf()).toEqual([portalSecret]);
    const optimize = await editInSandbox(
      sandbox,
      'GET',
      `/applications(appId='${clients.optimize}')?$select=passwordCredentials`,
    );
    expect(
      optimize.passwordCredentials.map((c: { keyId: string }) => c.keyId),
    ).toEqual([portalSecret]);
  });

  it('finds the applications by display name, and refuses them to another adoption; provisioning or repairing an adopted deployment is refused', async () => {
    const { server, adopt } = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink: new MemorySecretSink(),
      grants: GRANTS,
      monitoring: {},
    });
    const { clients } = await registerByHand();
    const candidates = (displayName: string) =>
      request(server)
        .get('/api/camunda-entra/adoption/candidates')
        .query({ displayName })
        .set('Authorization', as(ALICE));
    const optimize = {
      appId: clients.optimize,
      displayName: 'Optimize',
      platform: 'web',
    };

    expect((await candidates('optim')).body.items).toEqual([optimize]);
    expect((await candidates('op')).status).toBe(400);
    await adopt(clients);
    expect((await candidates('Optimize')).body.items).toEqual([
      { ...optimize, deployment: 'payments' },
    ]);
    const ask = (body: object) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(ALICE))
        .send(body);

    const again = await ask({
      kind: 'adopt',
      spec: { ...FULL_SPEC, name: 'billing', clients },
    });
    const provision = await ask({ spec: FULL_SPEC, entityRef: ENTITY_REF });
    const repair = await ask({ kind: 'repair', entityRef: ENTITY_REF });

    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(
      /^clients\.\w+: the application .* belongs to the deployment payments/,
    );
    expect(provision.status).toBe(409);
    expect(provision.body.error.message).toContain('was adopted');
    expect(repair.status).toBe(409);
    expect(repair.body.error.message).toContain('was adopted');
  });
});
