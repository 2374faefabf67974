import { targetPaths } from '@backstage/cli-common';
import { EntraDirectoryConfig } from '../directory/config';
import { SecretSinkConfig } from './config';
import { AzureKeyVaultSecretSink } from './AzureKeyVaultSecretSink';
import { KubernetesSecretSink } from './KubernetesSecretSink';
import { LocalSecretSink } from './LocalSecretSink';
import { SecretSink } from './SecretSink';

/** Git-ignored at the repository root. */
const DEFAULT_LOCAL_DIRECTORY = '.camunda-entra/secrets';

/**
 * The secret sink the configuration selects. The Key Vault sink signs in as the directory's
 * identity unless it has one of its own, so it needs `directory`.
 *
 * @public
 */
export function createSecretSink(
  config: SecretSinkConfig,
  options: { directory?: () => EntraDirectoryConfig } = {},
): SecretSink {
  if (config.type === 'azureKeyVault') {
    if (!options.directory) {
      throw new Error('The Azure Key Vault secret sink needs the directory');
    }
    const { caFile } = config.azureKeyVault;
    return AzureKeyVaultSecretSink.fromConfig({
      config: {
        ...config.azureKeyVault,
        caFile: caFile && targetPaths.resolveRoot(caFile),
      },
      directory: options.directory(),
    });
  }
  if (config.type === 'kubernetes') {
    return KubernetesSecretSink.fromKubeConfig({
      context: config.context,
      allowedNamespaces: config.allowedNamespaces,
    });
  }
  return LocalSecretSink.create({
    directory: targetPaths.resolveRoot(
      config.directory ?? DEFAULT_LOCAL_DIRECTORY,
    ),
  });
}
