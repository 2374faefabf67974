import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { readEntraDirectoryConfig } from '../directory/config';
import { readSecretSinkConfig } from './config';
import { createSecretSink } from './createSecretSink';
import { SecretSink } from './SecretSink';

/**
 * Where provisioning puts client secrets. The default follows `camundaEntra.secretSink`;
 * a backend module provides another factory for this ref to plug in a different store.
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
        createSecretSink(readSecretSinkConfig(config), {
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
