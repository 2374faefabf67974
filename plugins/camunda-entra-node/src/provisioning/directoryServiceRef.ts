import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { countGraphResponses } from './graphMetrics';
import { EntraProvisioningDirectory } from './EntraProvisioningDirectory';
import { ProvisioningDirectory } from './ProvisioningDirectory';
import { UnconfiguredDirectory } from './UnconfiguredDirectory';

/**
 * The Entra directory provisioning registers applications in: `camundaEntra.directory` (a
 * tenant or the local sandbox), or, when that is not configured, none (provisioning then fails
 * with a reason saying so). Provide another factory for this ref to plug in a different
 * directory.
 *
 * @public
 */
export const camundaEntraDirectoryServiceRef =
  createServiceRef<ProvisioningDirectory>({
    id: 'camunda-entra.directory',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          metrics: metricsServiceRef,
        },
        factory: ({ config, logger, metrics }) =>
          config.has('camundaEntra.directory')
            ? EntraProvisioningDirectory.fromConfig(config, {
                logger,
                onGraphResponse: countGraphResponses(metrics),
              })
            : new UnconfiguredDirectory(),
      }),
  });
