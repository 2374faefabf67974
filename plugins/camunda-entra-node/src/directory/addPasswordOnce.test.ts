import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { guideSpec } from '../testUtils';
import { EntraGraphError } from './errors';
import { sandboxDirectory } from './__testUtils__/sandboxDirectory';

jest.setTimeout(60_000);

/** Adding a client secret when Graph answers 5xx after it has applied the write. */
describe('addPassword after an answer that leaves open whether it was applied', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 15 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.clearInjectedErrors();
    sandbox.admin.resetCounters();
  });

  const credentialsOf = (objectId: string) =>
    (
      sandbox.admin.directory().applications.find(a => a.id === objectId)!
        .passwordCredentials as Array<{ keyId: string }>
    ).map(c => c.keyId);

  /** The next `count` addPassword calls are applied, then answered `status` (or not at all). */
  const failAfterWrite = (
    count: number,
    status = 503,
    dropConnection = false,
  ) =>
    sandbox.admin.injectError({
      status,
      count,
      pathContains: 'addPassword',
      afterWrite: true,
      dropConnection,
    });

  /** A confidential application without secrets. */
  async function application() {
    const registered = await sandboxDirectory(sandbox).registerDeployment(
      guideSpec(sandbox),
      { secrets: 'never' },
    );
    return registered.find(r => r.client === 'optimize')!.objectId;
  }

  it('removes what the failed calls created and keeps only the secret it returns', async () => {
    const objectId = await application();
    failAfterWrite(2);

    const secret = await sandboxDirectory(sandbox).addSecret(objectId, {
      displayName: 'camunda-entra test',
    });

    expect(credentialsOf(objectId)).toEqual([secret.keyId]);
    const { byOperation } = sandbox.admin.counters();
    expect(byOperation['POST applications(id)/addPassword']).toBe(3);
    expect(byOperation['POST applications(id)/removePassword']).toBe(2);
  });

  it('removes what a call whose connection dropped created', async () => {
    const objectId = await application();
    failAfterWrite(1, 504, true);

    const secret = await sandboxDirectory(sandbox).addSecret(objectId, {
      displayName: 'camunda-entra test',
    });

    expect(credentialsOf(objectId)).toEqual([secret.keyId]);
    expect(
      sandbox.admin.counters().byOperation['POST applications(id)/addPassword'],
    ).toBe(2);
  });

  it.each([
    ['ahead of', 10],
    ['behind', -10],
  ])(
    "removes what the failed call created although our clock is 10 minutes %s Entra's",
    async (_, minutes) => {
      const objectId = await application();
      const realNow = Date.now;
      const skewed = jest
        .spyOn(Date, 'now')
        .mockImplementation(() => realNow() + minutes * 60_000);
      failAfterWrite(1);

      const secret = await sandboxDirectory(sandbox)
        .addSecret(objectId, { displayName: 'camunda-entra test' })
        .finally(() => skewed.mockRestore());

      expect(credentialsOf(objectId)).toEqual([secret.keyId]);
    },
  );

  it('never removes a secret of another name', async () => {
    const objectId = await application();
    const other = await sandboxDirectory(sandbox).addSecret(objectId, {
      displayName: 'added by hand',
    });
    failAfterWrite(1, 504);

    const secret = await sandboxDirectory(sandbox).addSecret(objectId, {
      displayName: 'camunda-entra test',
    });

    expect(credentialsOf(objectId).sort()).toEqual(
      [other.keyId, secret.keyId].sort(),
    );
  });

  it('leaves no secret behind when every attempt fails', async () => {
    const objectId = await application();
    failAfterWrite(100);

    const error = await sandboxDirectory(sandbox, {
      retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 },
    })
      .addSecret(objectId, { displayName: 'camunda-entra test' })
      .catch(e => e);

    expect(error).toBeInstanceOf(EntraGraphError);
    expect(error.statusCode).toBe(503);
    expect(credentialsOf(objectId)).toEqual([]);
  });

  it('leaves one secret per confidential application when any write may fail after it is applied', async () => {
    sandbox.admin.setFaults({ serverErrorAfterWriteRate: 0.3 });
    const registered = await sandboxDirectory(sandbox)
      .registerDeployment(guideSpec(sandbox), { secrets: 'missing' })
      .finally(() => sandbox.admin.setFaults({}));

    expect(sandbox.admin.counters().byStatus['503']).toBeGreaterThan(0);
    const confidential = registered.filter(r => r.secret);
    expect(confidential).toHaveLength(4);
    for (const app of confidential) {
      expect(credentialsOf(app.objectId)).toEqual([app.secret!.keyId]);
    }
  });
});
