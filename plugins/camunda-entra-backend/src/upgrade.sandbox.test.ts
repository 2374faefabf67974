import { createMockDirectory } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  CamundaEntraRequest,
  planEntraApplications,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraSecretKey,
  generateValuesRepository,
  publishDirectory,
  writeValuesRepository,
} from '@camunda-entra/plugin-camunda-entra-node';
import { UPGRADE_TO_8_10_INPUT } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import fs from 'node:fs';
import git from 'isomorphic-git';
import request from 'supertest';
import { FULL_SPEC } from './__testUtils__/FakeDirectory';
import { PAYMENTS_WORKER } from './__testUtils__/machineClients';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import {
  ALICE,
  as,
  BOB,
  CAROL,
  ENTITY_REF,
  startSandboxPortal,
} from './__testUtils__/sandboxPortal';
import { createTestDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(120_000);

const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.secret.rotate': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

/** Every component 8.8 has, and a machine client. */
const SPEC_8_8 = {
  ...FULL_SPEC,
  chart: '8.8',
  machineClients: [PAYMENTS_WORKER],
};

/** The text of `path` on `ref` of the repository in `dir`. */
async function readOnBranch(dir: string, ref: string, filepath: string) {
  const oid = await git.resolveRef({ fs, dir, ref });
  const { blob } = await git.readBlob({ fs, dir, oid, filepath });
  return Buffer.from(blob).toString('utf8');
}

/** The lines a unified diff adds (`+`) or removes (`-`). */
function diffLines(diff: string, sign: '+' | '-') {
  return diff
    .split('\n')
    .filter(line => line.startsWith(sign) && !line.startsWith(sign.repeat(3)))
    .map(line => line.slice(1));
}

/**
 * A deployment with every component and a machine client upgraded through the REST API from
 * 8.8 to 8.9 and from 8.9 to 8.10: the plan, nothing removed before finish, the new line's
 * values on a branch of the deployment's local repository, and afterwards exactly the new
 * line's applications and secrets.
 */
describe('upgrading a deployment through the portal against the Entra sandbox', () => {
  const databases = createTestDatabases();
  const root = createMockDirectory();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 12 });
  });
  afterAll(() => sandbox.stop());

  function applications() {
    return sandbox.admin
      .directory()
      .applications.filter(app =>
        String(app.uniqueName).startsWith('camunda-payments-'),
      );
  }

  it('applies additions and changes on approval and removes what only the old line used on finish', async () => {
    const sink = new MemorySecretSink();
    const { server, waitFor, provision } = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink,
      grants: GRANTS,
      monitoring: {},
      publish: { local: { enabled: true, directory: root.resolve('repos') } },
    });
    const original = await provision(undefined, SPEC_8_8);
    // The repository the template published the 8.8 deployment to.
    const registered = validateDeploymentSpec(
      {
        ...original.spec,
        tenant: { id: sandbox.tenantId },
        clients: specClients(original.clients),
      },
      { requireClients: true },
    );
    if (!registered.valid) throw new Error('the 8.8 spec is invalid');
    await writeValuesRepository(
      root.resolve('workspace'),
      generateValuesRepository(registered.spec),
    );
    const repository = root.resolve('repos/camunda-payments');
    await publishDirectory({
      dir: repository,
      source: root.resolve('workspace'),
      defaultBranch: 'main',
      message: 'Camunda deployment payments',
      author: { name: 'Scaffolder', email: 'scaffolder@example.com' },
    });
    const main = await git.resolveRef({ fs, dir: repository, ref: 'main' });
    const secretKey = `${FULL_SPEC.namespace}/entra-credentials`;

    const ask = (body: Record<string, unknown>, user = ALICE) =>
      request(server)
        .post('/api/camunda-entra/requests')
        .set('Authorization', as(user))
        .send({ kind: 'upgrade', entityRef: ENTITY_REF, ...body });
    const finish = (id: string, user = ALICE) =>
      request(server)
        .post(`/api/camunda-entra/requests/${id}/finish`)
        .set('Authorization', as(user))
        .send({});
    const approve = (id: string) =>
      request(server)
        .post(`/api/camunda-entra/requests/${id}/approve`)
        .set('Authorization', as(BOB))
        .send({});

    // One line at a time, and only for the owner's members and approvers.
    const skipping = await ask({ chart: '8.10', with: UPGRADE_TO_8_10_INPUT });
    expect(skipping.status).toBe(400);
    expect(skipping.body.error.message).toMatch(
      /chart: cannot upgrade from 8\.8 to 8\.10/,
    );
    expect((await ask({ chart: '8.9' }, CAROL)).status).toBe(403);

    // 8.8 to 8.9: the same applications, other values.
    const to89 = await ask({ chart: '8.9' });
    expect(to89.status).toBe(201);
    expect(to89.body).toMatchObject({ kind: 'upgrade', state: 'pending' });
    const plan89 = (to89.body as CamundaEntraRequest).plan.upgrade!;
    expect(plan89).toMatchObject({ from: '8.8', to: '8.9' });
    expect(new Set(plan89.applications.map(a => a.change))).toEqual(
      new Set(['unchanged']),
    );
    expect(plan89.applications.map(a => a.client)).toContain(
      'machine.payments-worker',
    );
    expect(plan89.pendingRemovals).toEqual([]);
    const values89 = plan89.values.find(file => file.path === 'values.yaml')!;
    expect(values89.diff).toMatch(
      /^--- a\/values\.yaml\n\+\+\+ b\/values\.yaml\n@@ /,
    );
    await approve(to89.body.id);
    const applied89 = await waitFor(to89.body.id, 'provisioned');
    expect(applied89.clients).toEqual(original.clients);
    expect(applied89.spec).toMatchObject({ chart: '8.9' });
    // The 8.9 values are on a branch; the default branch still deploys 8.8.
    expect(applied89.history.map(e => e.comment)).toContainEqual(
      expect.stringMatching(
        /values are on branch upgrade-8\.9 .*no pull request: the local target has none/,
      ),
    );
    expect(await git.resolveRef({ fs, dir: repository, ref: 'main' })).toBe(
      main,
    );
    const [upgradeCommit] = await git.log({
      fs,
      dir: repository,
      ref: 'upgrade-8.9',
    });
    expect(upgradeCommit.commit.parent).toEqual([main]);
    expect(upgradeCommit.commit.message).toContain(`request ${to89.body.id}`);
    const oldValues = await readOnBranch(repository, 'main', 'values.yaml');
    const newValues = await readOnBranch(
      repository,
      'upgrade-8.9',
      'values.yaml',
    );
    expect(newValues).toContain('Camunda 8.9 (chart 14.');
    expect(newValues).not.toBe(oldValues);
    expect(diffLines(values89.diff, '+').length).toBeGreaterThan(0);
    expect(newValues.split('\n')).toEqual(
      expect.arrayContaining(diffLines(values89.diff, '+')),
    );
    expect(oldValues.split('\n')).toEqual(
      expect.arrayContaining(diffLines(values89.diff, '-')),
    );
    expect((await finish(applied89.id)).body.plan.upgrade.finished).toEqual({
      actor: ALICE,
      at: expect.any(String),
    });

    // 8.9 to 8.10: Camunda Hub replaces Web Modeler and Console. A missing input names its field.
    const missing = await ask({ chart: '8.10' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/databases/);
    const to810 = await ask({ chart: '8.10', with: UPGRADE_TO_8_10_INPUT });
    expect(to810.status).toBe(201);
    // Nothing to finish before it is applied.
    expect((await finish(to810.body.id)).status).toBe(409);
    const plan810 = (to810.body as CamundaEntraRequest).plan.upgrade!;
    const changes = Object.fromEntries(
      plan810.applications.map(a => [a.client, a.change]),
    );
    expect(changes).toMatchObject({
      webModelerUi: 'removed',
      webModelerApi: 'removed',
      console: 'removed',
      camundaHubUi: 'added',
      camundaHubApi: 'added',
      'machine.payments-worker': 'unchanged',
    });
    expect(plan810.breakingChanges.length).toBeGreaterThan(0);
    expect(plan810.pendingRemovals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ client: 'console', change: 'removed' }),
      ]),
    );
    expect(plan810.values.map(file => file.path)).toContain('values.yaml');
    const before = applications().map(app => app.uniqueName);
    await approve(to810.body.id);
    const applied810 = await waitFor(to810.body.id, 'provisioned', r =>
      r.history.some(e => /sign-in/.test(e.comment ?? '')),
    );
    // The registration is the upgrade now: the new line's clients sign in with what the sink holds.
    expect(applied810.history.map(e => e.comment)).toContainEqual(
      expect.stringMatching(/^sign-in verified/),
    );

    // Nothing is removed before finish: the 8.9 deployment still signs in.
    const during = applications().map(app => app.uniqueName);
    expect(during).toEqual(expect.arrayContaining(before));
    expect(Object.keys(applied810.clients)).toEqual(
      expect.arrayContaining(['camundaHubUi', 'camundaHubApi']),
    );
    expect(applied810.clients.console).toBeUndefined();
    // The new confidential application's secret went to the sink beside the others.
    const hubKeys = (['camundaHubUi', 'camundaHubApi'] as const).flatMap(
      client => entraSecretKey(client) ?? [],
    );
    expect(hubKeys.length).toBeGreaterThan(0);
    for (const key of hubKeys) {
      expect(sink.written.get(secretKey)?.[key]).toEqual(expect.any(String));
    }
    // Another upgrade waits for this one to be finished.
    expect(
      (await ask({ chart: '8.10', with: UPGRADE_TO_8_10_INPUT })).status,
    ).toBe(409);

    const finished = await finish(applied810.id);
    expect(finished.status).toBe(200);
    expect(finished.body.plan.upgrade.finished).toBeDefined();
    // Finishing again changes nothing.
    expect((await finish(applied810.id)).status).toBe(200);

    const target = validateDeploymentSpec({
      ...applied810.spec,
      tenant: { id: sandbox.tenantId },
    });
    if (!target.valid) throw new Error('the upgraded spec is invalid');
    const expected = planEntraApplications(target.spec);
    const remaining = applications();
    expect(remaining.map(app => app.uniqueName).sort()).toEqual(
      expected.map(plan => plan.uniqueName).sort(),
    );
    for (const app of remaining) {
      const plan = expected.find(p => p.uniqueName === app.uniqueName)!;
      const keyIds = (app.passwordCredentials as Array<{ keyId: string }>).map(
        c => c.keyId,
      );
      // The new applications' secrets came with the upgrade, the others' with the provisioning.
      const delivered =
        applied810.secrets?.[plan.client] ?? original.secrets?.[plan.client];
      expect(keyIds).toEqual(plan.needsSecret ? [delivered?.keyId] : []);
    }
  });
});
