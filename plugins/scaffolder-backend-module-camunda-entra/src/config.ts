import { targetPaths } from '@backstage/cli-common';
import { Config } from '@backstage/config';
import { SecretStoreSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { readKeyVaultSecretStore } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * Settings of the local Git publishing target (see config.d.ts).
 *
 * @public
 */
export interface LocalPublishConfig {
  enabled: boolean;
  /** Absolute folder holding one Git repository per published deployment. */
  directory: string;
}

/** Git-ignored at the repository root. */
const DEFAULT_DIRECTORY = '.camunda-entra/repos';

/**
 * Reads `camundaEntra.publish.local`.
 *
 * @public
 */
export function readLocalPublishConfig(config: Config): LocalPublishConfig {
  const local = config.getOptionalConfig('camundaEntra.publish.local');
  return {
    enabled: local?.getOptionalBoolean('enabled') ?? false,
    directory: targetPaths.resolveRoot(
      local?.getOptionalString('directory') ?? DEFAULT_DIRECTORY,
    ),
  };
}

const VAULT_SINK = 'camundaEntra.secretSink.azureKeyVault';

/**
 * The `secretStore` of composed specs: the vault the backend's secret sink writes to, when it
 * is `azureKeyVault` (keys declared by the node package's config.d.ts), so that the
 * generated ExternalSecret reads what the sink writes. Undefined for other sinks.
 *
 * @public
 */
export function readSecretStoreConfig(
  config: Config,
): SecretStoreSpec | undefined {
  if (
    config.getOptionalString('camundaEntra.secretSink.type') !== 'azureKeyVault'
  ) {
    return undefined;
  }
  return readKeyVaultSecretStore(config.getConfig(VAULT_SINK));
}
