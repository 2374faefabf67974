import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  fixtureInput,
  fixtureNames,
} from '../../plugins/camunda-entra-node/src/values/__testUtils__/specs';
import { PEOPLE, startConformanceSandbox } from './golden';
import { conformanceOf } from './run';

const DEPLOYMENT_TIMEOUT_MS = 120_000;

/**
 * A spec fixture of the values generator moved into the sandbox's tenant: its own name (each
 * registers its own applications), no client IDs yet, the sandbox's administrator.
 */
function inSandbox(name: string, index: number, sandbox: EntraSandbox) {
  const { clients, ...input } = fixtureInput(name);
  return {
    ...input,
    name: `fixture${index}-${input.name}`,
    tenant: {
      ...input.tenant,
      id: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    },
    admins: [PEOPLE[0].upn],
  };
}

describe('conformance of the values generator spec fixtures', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startConformanceSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  it.each(fixtureNames().map((name, index) => [name, index] as const))(
    '%s signs in',
    async (name, index) => {
      const report = await conformanceOf(
        sandbox,
        inSandbox(name, index, sandbox),
        {},
        [PEOPLE[0]],
      );
      expect(report.failures).toEqual([]);
      expect(report.passed).not.toEqual([]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );
});
