import {
  EntraSandbox,
  EntraSandboxOptions,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import {
  DeploymentSpec,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';

/**
 * The sandbox's tenant and automation identity, as the directory client and the plugin's
 * `camundaEntra.directory` config take them.
 */
export function sandboxDirectoryConfig(sandbox: EntraSandbox) {
  return {
    tenantId: sandbox.tenantId,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    authorityHost: sandbox.authorityHost,
    graphUrl: sandbox.url,
    caFile: sandbox.caFile,
  };
}

/** A sandbox and the real directory client pointed at it. */
export async function startSandboxDirectory(
  options: EntraSandboxOptions = {},
): Promise<{ sandbox: EntraSandbox; directory: DefaultEntraDirectory }> {
  const sandbox = await startEntraSandbox({ seed: 6, ...options });
  const directory = DefaultEntraDirectory.create(
    resolveEntraDirectoryConfig({
      ...sandboxDirectoryConfig(sandbox),
      // Injected faults must fail at once, not after backoff.
      retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10 },
    }),
  );
  return { sandbox, directory };
}

/** The guide's deployment (five browser components and the Web Modeler API) in the sandbox. */
export function sandboxSpec(
  sandbox: EntraSandbox,
  name = 'payments',
): DeploymentSpec {
  const result = validateDeploymentSpec({
    name,
    namespace: `${name}-camunda`,
    chart: '8.9',
    tenant: {
      id: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    },
    components: {
      orchestration: { url: 'https://camunda.example.com' },
      connectors: {},
      identity: { url: 'https://identity.example.com' },
      optimize: { url: 'https://optimize.example.com' },
      webModeler: { url: 'https://modeler.example.com' },
      console: { url: 'https://console.example.com' },
    },
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
    owner: 'group:default/payments-team',
  });
  if (!result.valid) {
    throw new Error(`test spec invalid: ${JSON.stringify(result.problems)}`);
  }
  return result.spec;
}
