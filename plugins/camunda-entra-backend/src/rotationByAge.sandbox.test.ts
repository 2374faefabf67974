import { mockServices } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import request from 'supertest';
import { PLUGIN_ACTOR } from './actors';
import { editInSandbox } from './__testUtils__/editInSandbox';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import {
  ALICE,
  as,
  BOB,
  startSandboxPortal,
} from './__testUtils__/sandboxPortal';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const SCAN = 'camunda-entra-secret-expiry-scan';

const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.secret.rotate': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

/**
 * camundaEntra.monitoring.rotation.maxAgeDays through the plugin, against the sandbox: the
 * scan asks for a rotation of the client whose newest secret is too old, once.
 */
describe('rotation by age', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 7 });
  });
  afterAll(() => sandbox.stop());

  it('asks for a rotation of a client whose newest secret is older than maxAgeDays, once', async () => {
    const scheduler = mockServices.scheduler();
    const { server, provision, waitFor } = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink: new MemorySecretSink(),
      grants: GRANTS,
      monitoring: {
        rotation: { maxAgeDays: 30, gracePeriod: { milliseconds: 0 } },
      },
      scheduler,
    });
    const provisioned = await provision();
    // Optimize's only secret is one made 40 days ago; every other client's is new.
    const optimize = await editInSandbox(
      sandbox,
      'GET',
      `/applications(appId='${provisioned.clients.optimize}')?$select=id,passwordCredentials`,
    );
    await editInSandbox(
      sandbox,
      'POST',
      `/applications/${optimize.id}/addPassword`,
      {
        passwordCredential: {
          displayName: 'made by hand long ago',
          startDateTime: new Date(Date.now() - 40 * DAY).toISOString(),
          endDateTime: new Date(Date.now() + 300 * DAY).toISOString(),
        },
      },
    );
    for (const { keyId } of optimize.passwordCredentials) {
      await editInSandbox(
        sandbox,
        'POST',
        `/applications/${optimize.id}/removePassword`,
        {
          keyId,
        },
      );
    }
    const rotations = async () => {
      const { body } = await request(server)
        .get('/api/camunda-entra/requests')
        .set('Authorization', as(BOB));
      return (body.items as CamundaEntraRequest[]).filter(
        r => r.kind === 'rotate',
      );
    };

    await scheduler.triggerTask(SCAN);
    await scheduler.triggerTask(SCAN);

    const [asked, ...more] = await rotations();
    expect(more).toEqual([]);
    expect(asked).toMatchObject({
      client: 'optimize',
      state: 'pending',
      requester: PLUGIN_ACTOR,
    });
    expect(asked.history[0].comment).toBe(
      'rotate the optimize client secret: its newest secret is 40 days old, camundaEntra.monitoring.rotation.maxAgeDays is 30',
    );

    await request(server)
      .post(`/api/camunda-entra/requests/${asked.id}/approve`)
      .set('Authorization', as(BOB))
      .send({})
      .expect(200);
    await waitFor(asked.id, 'provisioned');
    await scheduler.triggerTask(SCAN);

    // The new secret is the newest: nothing more to rotate.
    expect((await rotations()).map(r => r.id)).toEqual([asked.id]);
  });
});
