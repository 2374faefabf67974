import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { readEntraDirectoryConfig } from '@camunda-entra/plugin-camunda-entra-node';
import { readCamundaEntraBackendConfig } from './config';
import { EntraProvisioningDirectory, ProvisioningDirectory } from './directory';
import { UnconfiguredDirectory } from './directory/UnconfiguredDirectory';
import { createSecretSink, SecretSink } from './sinks';

/**
 * Where provisioning puts client secrets. The default follows `camundaEntra.secretSink`;
 * provide another factory for this ref to plug in a different store.
 *
 * @public
 */
export const camundaEntraSecretSinkServiceRef = createServiceRef<SecretSink>({
  id: 'camunda-entra.secret-sink',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory: ({ config }) =>
        createSecretSink(readCamundaEntraBackendConfig(config).secretSink, {
          directory: () => {
            if (!config.has('camundaEntra.directory')) {
              throw new InputError(
                "camundaEntra.secretSink.type azureKeyVault signs in with camundaEntra.directory's identity and cloud; configure camundaEntra.directory",
              );
            }
            return readEntraDirectoryConfig(config);
          },
        }),
    }),
});

/**
 * The Entra directory provisioning registers applications in: `camundaEntra.directory` (a
 * tenant or the local sandbox), or, when that is not configured, none (provisioning then fails
 * with a reason saying so).
 *
 * @public
 */
export const camundaEntraDirectoryServiceRef =
  createServiceRef<ProvisioningDirectory>({
    id: 'camunda-entra.directory',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { config: coreServices.rootConfig, logger: coreServices.logger },
        factory: ({ config, logger }) =>
          config.has('camundaEntra.directory')
            ? EntraProvisioningDirectory.fromConfig(config, { logger })
            : new UnconfiguredDirectory(),
      }),
  });
