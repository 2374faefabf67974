import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import {
  sandboxDirectoryConfig,
  sandboxSpec,
} from './__testUtils__/sandboxDirectory';
import { workUnderLease } from './workUnderLease';

/**
 * The directory client with its production retry policy: a Graph call backing off after a
 * throttling answer must end as soon as the lease of its work is lost, not retry later beside
 * the instance that took the work over.
 */
describe('losing a lease during a Graph backoff', () => {
  let sandbox: EntraSandbox;
  let directory: DefaultEntraDirectory;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 8 });
    directory = DefaultEntraDirectory.create(
      resolveEntraDirectoryConfig(sandboxDirectoryConfig(sandbox)),
    );
  });
  afterAll(() => sandbox.stop());

  it('ends the call at once and sends no retry', async () => {
    const [plan] = planEntraApplications(sandboxSpec(sandbox)).filter(
      p => p.needsSecret,
    );
    const { objectId } = await directory.registerApplication(plan, {
      deployment: 'payments',
      secrets: 'never',
    });
    sandbox.admin.injectError({
      status: 429,
      retryAfterSeconds: 30,
      pathContains: 'addPassword',
      count: 5,
    });
    sandbox.admin.resetCounters();
    let renewals = 0;
    const started = Date.now();

    const outcome = await workUnderLease(
      {
        // Renewed once while the call waits out Retry-After, then taken over.
        renew: async () => ++renewals < 2,
        everyMs: 200,
      },
      new AbortController().signal,
      () =>
        directory.addSecret(objectId, {
          displayName: 'camunda-entra request r1',
          lifetimeDays: 30,
        }),
    ).catch(error => error);

    expect(String(outcome)).toContain('taken over by another instance');
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(sandbox.admin.counters().byOperation).toEqual({
      'POST applications(id)/addPassword': 1,
    });
    expect(
      sandbox.admin.directory().applications.find(a => a.id === objectId)
        ?.passwordCredentials,
    ).toEqual([]);
  });
});
