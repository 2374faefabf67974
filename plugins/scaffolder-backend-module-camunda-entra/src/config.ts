import { Config } from '@backstage/config';
import { SecretStoreSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { readKeyVaultSecretStore } from '@camunda-entra/plugin-camunda-entra-node';

export { readLocalPublishConfig } from '@camunda-entra/plugin-camunda-entra-node';
export type { LocalPublishConfig } from '@camunda-entra/plugin-camunda-entra-node';

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
