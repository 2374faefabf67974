import {
  EntraSandbox,
  EntraSandboxOptions,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import {
  guideSpec,
  sandboxDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node/testUtils';

export { sandboxDirectoryConfig };

/** A sandbox and the real directory client pointed at it. */
export async function startSandboxDirectory(
  options: EntraSandboxOptions = {},
): Promise<{ sandbox: EntraSandbox; directory: DefaultEntraDirectory }> {
  const sandbox = await startEntraSandbox({ seed: 6, ...options });
  const directory = DefaultEntraDirectory.create(
    resolveEntraDirectoryConfig(
      // Injected faults must fail at once, not after backoff.
      sandboxDirectoryConfig(sandbox, {
        retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10 },
      }),
    ),
  );
  return { sandbox, directory };
}

/** The guide's deployment, owned by the payments team, in the sandbox. */
export function sandboxSpec(
  sandbox: EntraSandbox,
  name = 'payments',
): DeploymentSpec {
  return guideSpec(sandbox, name, { owner: 'group:default/payments-team' });
}
