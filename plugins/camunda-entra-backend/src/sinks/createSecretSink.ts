import { targetPaths } from '@backstage/cli-common';
import { SecretSinkConfig } from '../config';
import { KubernetesSecretSink } from './KubernetesSecretSink';
import { LocalSecretSink } from './LocalSecretSink';
import { SecretSink } from './SecretSink';

/** Git-ignored at the repository root. */
const DEFAULT_LOCAL_DIRECTORY = '.camunda-entra/secrets';

/**
 * The secret sink the configuration selects.
 *
 * @public
 */
export function createSecretSink(config: SecretSinkConfig): SecretSink {
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
