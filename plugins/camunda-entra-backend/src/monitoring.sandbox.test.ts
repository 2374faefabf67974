import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  ComponentEntraStatus,
  DeploymentEntraStatus,
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
  CAROL,
  ENTITY_REF,
  MALLORY,
  startSandboxPortal,
} from './__testUtils__/sandboxPortal';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Who holds which permission: Bob approves, Alice and Bob may ask for rotations. */
const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.secret.rotate': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

/**
 * The plugin with the real directory client against the sandbox: status endpoint, rotation
 * requests through approval, and removal of the replaced secret.
 */
describe('monitoring, rotation and repair against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 7 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  async function start() {
    const sink = new MemorySecretSink();
    const scheduler = mockServices.scheduler();
    const portal = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink,
      grants: GRANTS,
      monitoring: {
        status: { cacheTtl: { milliseconds: 0 } },
        rotation: { gracePeriod: { milliseconds: 0 } },
      },
      // An instance of our own, so that the test can run the removal task.
      scheduler,
    });
    return { ...portal, sink, scheduler };
  }

  it('serves the status of a deployment only to those who may read its entity', async () => {
    const { provision, status } = await start();
    const provisioned = await provision();

    const alice = await status(ALICE);
    const mallory = await status(MALLORY);
    const malformed = await status(ALICE, '');

    expect(alice.status).toBe(200);
    const body: DeploymentEntraStatus = alice.body;
    expect(body.components.map(c => [c.client, c.appId, c.health])).toEqual(
      Object.entries(provisioned.clients).map(([client, appId]) => [
        client,
        appId,
        'ok',
      ]),
    );
    expect(body.health).toBe('ok');
    expect(mallory.status).toBe(404);
    expect(malformed.status).toBe(400);
  });

  it('rotates a secret after approval and leaves exactly one valid secret after the grace period', async () => {
    const { server, sink, scheduler, waitFor, provision, status } =
      await start();
    const provisioned = await provision();
    const secretKey = `${FULL_SPEC.namespace}/entra-credentials`;
    const before = { ...sink.written.get(secretKey) };
    const rotate = (user: string, client: string) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(user))
        .send({ kind: 'rotate', entityRef: ENTITY_REF, client });

    const hidden = await rotate(MALLORY, 'optimize');
    const refused = await rotate(CAROL, 'optimize');
    const publicClient = await rotate(ALICE, 'console');
    const created = await rotate(ALICE, 'optimize');
    const again = await rotate(BOB, 'optimize');

    expect(hidden.status).toBe(404);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('camunda-entra.secret.rotate');
    expect(publicClient.status).toBe(400);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'rotate',
      state: 'pending',
      client: 'optimize',
      entityRef: ENTITY_REF,
      clients: { optimize: provisioned.clients.optimize },
      plan: { applications: [expect.objectContaining({ client: 'optimize' })] },
    });
    expect(again.status).toBe(409);

    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    const rotated = await waitFor(created.body.id, 'provisioned');

    const after = sink.written.get(secretKey)!;
    const optimizeKey = ENTRA_SECRET_KEYS.optimize!;
    expect(after[optimizeKey]).not.toBe(before[optimizeKey]);
    expect({ ...after, [optimizeKey]: 'x' }).toEqual({
      ...before,
      [optimizeKey]: 'x',
    });
    const secretsOf = async () =>
      (await status(ALICE)).body.components.find(
        (c: { client: string }) => c.client === 'optimize',
      ).secrets;
    expect(await secretsOf()).toHaveLength(2);

    await scheduler.triggerTask('camunda-entra-secret-removal');

    expect(await secretsOf()).toEqual([
      expect.objectContaining({
        keyId: rotated.secrets!.optimize.keyId,
        status: 'ok',
      }),
    ]);
  });

  it('repairs drifted applications after approval and leaves their secrets alone', async () => {
    const { server, sink, waitFor, provision, status } = await start();
    const provisioned = await provision();
    const secretsBefore = (await status(ALICE)).body.components.map(
      (c: ComponentEntraStatus) => c.secrets.map(s => s.keyId),
    );
    const sinkBefore = JSON.stringify([...sink.written]);
    const rogue = 'https://rogue.example.com/callback';
    const orchestration = await editInSandbox(
      sandbox,
      'GET',
      `/applications(appId='${provisioned.clients.orchestration}')?$select=id,web`,
    );
    await editInSandbox(sandbox, 'PATCH', `/applications/${orchestration.id}`, {
      web: { redirectUris: [...orchestration.web.redirectUris, rogue] },
    });
    const optimize = await editInSandbox(
      sandbox,
      'GET',
      `/applications(appId='${provisioned.clients.optimize}')?$select=id`,
    );
    await editInSandbox(sandbox, 'PATCH', `/applications/${optimize.id}`, {
      groupMembershipClaims: 'All',
    });
    const driftOf = async () =>
      Object.fromEntries(
        (await status(ALICE)).body.components.map((c: ComponentEntraStatus) => [
          c.client,
          c.drift.map(d => d.property),
        ]),
      );
    expect(await driftOf()).toMatchObject({
      orchestration: ['web.redirectUris'],
      optimize: ['groupMembershipClaims'],
      identity: [],
    });
    const repair = (user: string) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(user))
        .send({ kind: 'repair', entityRef: ENTITY_REF });

    const refused = await repair(CAROL);
    const created = await repair(ALICE);
    const again = await repair(BOB);

    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('camunda-entra.secret.rotate');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'repair',
      state: 'pending',
      entityRef: ENTITY_REF,
      plan: {
        applications: [
          {
            client: 'orchestration',
            secret: false,
            differences: [
              {
                property: 'web.redirectUris',
                actual: expect.stringContaining(rogue),
                expected: expect.not.stringContaining(rogue),
              },
            ],
          },
          {
            client: 'optimize',
            secret: false,
            differences: [
              {
                property: 'groupMembershipClaims',
                actual: 'All',
                expected: 'None',
              },
            ],
          },
        ],
      },
    });
    expect(again.status).toBe(409);

    await request(server)
      .post(`/api/camunda-entra/requests/${created.body.id}/approve`)
      .set('Authorization', as(BOB))
      .send({});
    const repaired = await waitFor(created.body.id, 'provisioned');

    expect(Object.values(await driftOf()).flat()).toEqual([]);
    expect((await status(ALICE)).body.health).toBe('ok');
    expect(
      (await status(ALICE)).body.components.map((c: ComponentEntraStatus) =>
        c.secrets.map(s => s.keyId),
      ),
    ).toEqual(secretsBefore);
    expect(JSON.stringify([...sink.written])).toBe(sinkBefore);
    expect(repaired.history.map(e => e.comment)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^restored Orchestration Cluster: web.redirectUris/,
        ),
        'restored Optimize: groupMembershipClaims All → None',
        '2 Entra applications repaired; client secrets untouched',
      ]),
    );
    expect((await repair(ALICE)).status).toBe(409);
  });
});
