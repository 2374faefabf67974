import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { registerInSandbox, sandboxDirectory } from './deployment';
import { goldenSpecInput, startConformanceSandbox } from './golden';
import {
  applyUpgrade,
  finishUpgrade,
  NEW_COMPONENTS,
  OLD_ONLY_COMPONENTS,
  play,
  renderDeployment,
  UPGRADE_INPUTS,
  UPGRADE_PAIRS,
  upgradePlan,
} from './upgrade';

/** Registration, apply, finish, three renders and four rounds of sign-ins on two shared cores. */
const UPGRADE_TIMEOUT_MS = 240_000;

describe('conformance on both sides of an upgrade', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startConformanceSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each(UPGRADE_PAIRS)(
    'keeps every sign-in working from %s to %s, and leaves only the new applications',
    async (from, to) => {
      const name = `upgrade-${from.replace('.', '-')}`;
      const current = await registerInSandbox(
        sandbox,
        goldenSpecInput(from, sandbox, name),
      );
      const old = renderDeployment(current);
      const before = await play(old, sandbox);
      expect(before.failures).toEqual([]);

      const plan = upgradePlan(current, to, UPGRADE_INPUTS[to]);
      const target = await applyUpgrade(sandbox, current, plan);
      // The running deployment, on its old values, still signs in after apply.
      const during = await play(old, sandbox);
      expect(during).toEqual(before);

      const next = renderDeployment(target);
      const after = await play(next, sandbox);
      expect(after.failures).toEqual([]);
      expect(after.passed).toEqual(expect.arrayContaining(NEW_COMPONENTS[to]));

      await finishUpgrade(sandbox, plan);
      expect(await play(next, sandbox)).toEqual(after);
      // What finish removed is gone: the old values' components that used it fail now.
      const oldAfterFinish = await play(old, sandbox);
      expect(oldAfterFinish.failures.length).toBe(
        plan.steps.remove.length > 0 ? OLD_ONLY_COMPONENTS.length : 0,
      );

      const remaining = await sandboxDirectory(sandbox).listApplications({
        deployment: name,
      });
      const expected = planEntraApplications(target.spec);
      expect(remaining.map(a => a.uniqueName).sort()).toEqual(
        expected.map(p => p.uniqueName).sort(),
      );
      // Exactly the new line's secrets: one per confidential application, the one delivered.
      for (const application of remaining) {
        const plan = expected.find(
          p => p.uniqueName === application.uniqueName,
        )!;
        const delivered = target.registered.find(r => r.client === plan.client);
        expect(application.passwordCredentials.map(c => c.keyId)).toEqual(
          plan.needsSecret ? [delivered?.secret?.keyId] : [],
        );
      }
    },
    UPGRADE_TIMEOUT_MS,
  );
});
