import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { targetPaths } from '@backstage/cli-common';
import { Config } from '@backstage/config';

/**
 * Settings of the local Git publishing target (`camundaEntra.publish.local`, declared by the
 * scaffolder module's config.d.ts).
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

/**
 * The folder of a repository under the configured directory; a name that leaves it is refused.
 *
 * @public
 */
export function localRepositoryPath(
  config: LocalPublishConfig,
  repository: string,
): string {
  return resolveSafeChildPath(config.directory, repository);
}

/**
 * The repository the Camunda template publishes a deployment to (its `camunda:publish:local`
 * step names it `camunda-<deployment name>`).
 *
 * @public
 */
export function deploymentRepositoryName(deploymentName: string): string {
  return `camunda-${deploymentName}`;
}
