import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  SecretStoreSpec,
  validateSecretStoreSpec,
} from '@camunda-entra/plugin-camunda-entra-common';

const VAULT_SINK = 'camundaEntra.secretSink.azureKeyVault';

/**
 * The spec's `secretStore` that the Azure Key Vault secret sink's settings
 * (`camundaEntra.secretSink.azureKeyVault`: `vaultUrl`, and `workloadIdentity` or `storeRef`)
 * stand for, by the spec's own rules, so that the backend refuses at start what composed specs
 * would fail on. An InputError names each wrong key.
 *
 * @public
 */
export function readKeyVaultSecretStore(vault: Config): SecretStoreSpec {
  const result = validateSecretStoreSpec({
    type: 'azureKeyVault',
    vaultUrl: vault.getString('vaultUrl'),
    workloadIdentity: vault.getOptional('workloadIdentity'),
    storeRef: vault.getOptional('storeRef'),
  });
  if (!result.valid) {
    throw new InputError(
      result.problems
        .map(
          ({ field, message }) =>
            `${[VAULT_SINK, field].filter(Boolean).join('.')} ${message}`,
        )
        .join('; '),
    );
  }
  return result.store;
}
