import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { targetPaths } from '@backstage/cli-common';
import {
  ENTRA_SANDBOX_DEV_DEFAULTS,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';

/** Git-ignored at the repository root, so the portal's applications survive restarts. */
const DEFAULT_STATE_FILE = '.camunda-entra/entra-sandbox.json';

/**
 * Runs the local Entra sandbox inside the development backend when
 * `camundaEntra.sandbox.enabled` is set, so that the portal starts without a tenant. The
 * sandbox serves `camundaEntra.directory`'s tenant and automation identity and writes its CA
 * to `camundaEntra.directory.caFile`, which the directory client reads on first use.
 */
export default createBackendPlugin({
  pluginId: 'entra-sandbox',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.rootLifecycle,
      },
      async init({ config, logger, lifecycle }) {
        if (!config.getOptionalBoolean('camundaEntra.sandbox.enabled')) {
          return;
        }
        const directory = config.getConfig('camundaEntra.directory');
        const sandbox = await startEntraSandbox({
          port:
            config.getOptionalNumber('camundaEntra.sandbox.port') ??
            ENTRA_SANDBOX_DEV_DEFAULTS.port,
          stateFile: targetPaths.resolveRoot(
            config.getOptionalString('camundaEntra.sandbox.stateFile') ??
              DEFAULT_STATE_FILE,
          ),
          caFile: targetPaths.resolveRoot(directory.getString('caFile')),
          tenantId: directory.getString('tenantId'),
          identities: [
            {
              clientId: directory.getString('clientId'),
              clientSecret: directory.getString('clientSecret'),
              displayName: 'Camunda Entra portal (sandbox)',
            },
          ],
        });
        for (const key of ['authorityHost', 'graphUrl']) {
          if (
            directory.getOptionalString(key)?.replace(/\/+$/, '') !==
            sandbox.url
          ) {
            logger.warn(
              `camundaEntra.directory.${key} is not the sandbox's ${sandbox.url}; the portal will not use the sandbox`,
            );
          }
        }
        logger.info(
          `Entra sandbox for tenant ${sandbox.tenantId} listening on ${sandbox.url} (CA ${sandbox.caFile})`,
        );
        lifecycle.addShutdownHook(() => sandbox.stop());
      },
    });
  },
});
