import { targetPaths } from '@backstage/cli-common';
import { Config } from '@backstage/config';

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
