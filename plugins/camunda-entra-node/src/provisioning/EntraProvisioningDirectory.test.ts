import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '../directory';
import { guideSpec, sandboxDirectoryConfig } from '../testUtils';
import { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
import { ProvisioningProgress } from './ProvisioningDirectory';

jest.setTimeout(30_000);

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
  beforeEach(() => sandbox.admin.resetDirectory());

  it('registers the applications without secrets, reporting each with its IDs once registered', async () => {
    const spec = guideSpec(sandbox);
    const plans = planEntraApplications(spec);
    const progress: ProvisioningProgress[] = [];

    const registered = await directory.registerDeployment(spec, plans, {
      source: 'component:default/payments',
      onProgress: event => progress.push(event),
    });

    const written = sandbox.admin.directory().applications;
    expect(registered).toHaveLength(plans.length);
    for (const application of registered) {
      const app = written.find(a => a.id === application.objectId);
      expect(app).toMatchObject({
        appId: application.appId,
        passwordCredentials: [],
      });
      expect(app?.notes).toContain('component:default/payments');
      const reported = progress.filter(p => p.client === application.client);
      expect(reported).toEqual([
        { step: 'registering', client: application.client },
        { step: 'registered', ...application },
      ]);
    }
  });

  it('leaves one secret per confidential application, the one it issued, when Graph answers 5xx after adding it', async () => {
    const spec = guideSpec(sandbox);
    const confidential = planEntraApplications(spec).filter(
      plan => plan.needsSecret,
    );
    const registered = await directory.registerDeployment(spec, confidential);
    sandbox.admin.injectError({
      status: 503,
      count: confidential.length,
      pathContains: 'addPassword',
      afterWrite: true,
    });

    const issued = await Promise.all(
      registered.map(({ objectId }) =>
        directory.addSecret(objectId, {
          displayName: 'camunda-entra request request-15',
          lifetimeDays: 30,
        }),
      ),
    );

    for (const [index, { objectId }] of registered.entries()) {
      const secrets = await directory.listSecrets(objectId);
      expect(secrets.map(s => s.keyId)).toEqual([issued[index].keyId]);
    }
    expect(sandbox.admin.counters().byStatus['503']).toBe(confidential.length);
  });
});
