import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import {
  sandboxDirectoryConfig,
  sandboxSpec,
} from '../__testUtils__/sandboxDirectory';
import { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
import { secretDisplayName } from '../provisioning';

jest.setTimeout(30_000);

/** The secrets provisioning and rotation add, when Graph answers 5xx after applying them. */
describe('EntraProvisioningDirectory against the Entra sandbox', () => {
  let sandbox: EntraSandbox;
  let directory: EntraProvisioningDirectory;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 15 });
    directory = EntraProvisioningDirectory.create({
      directory: DefaultEntraDirectory.create(
        resolveEntraDirectoryConfig({
          ...sandboxDirectoryConfig(sandbox),
          retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 20 },
        }),
      ),
      tenant: { id: sandbox.tenantId },
    });
  });
  afterAll(() => sandbox.stop());

  it('leaves one secret per confidential application, the one it issued', async () => {
    const spec = sandboxSpec(sandbox);
    const confidential = planEntraApplications(spec).filter(
      plan => plan.needsSecret,
    );
    const objectIds = await Promise.all(
      confidential.map(async plan => {
        const { objectId } = await directory.registerApplication(spec, plan);
        return objectId;
      }),
    );
    sandbox.admin.injectError({
      status: 503,
      count: confidential.length,
      pathContains: 'addPassword',
      afterWrite: true,
    });

    const issued = await Promise.all(
      objectIds.map(objectId =>
        directory.addSecret(objectId, {
          displayName: secretDisplayName('request-15'),
          lifetimeDays: 30,
        }),
      ),
    );

    for (const [index, objectId] of objectIds.entries()) {
      const secrets = await directory.listSecrets(objectId);
      expect(secrets.map(s => s.keyId)).toEqual([issued[index].keyId]);
    }
    expect(sandbox.admin.counters().byStatus['503']).toBe(confidential.length);
  });
});
