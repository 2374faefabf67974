import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  MicrosoftGraphClient,
  MicrosoftGraphProviderConfig,
  readMicrosoftGraphOrg,
  readProviderConfigs,
} from '@backstage/plugin-catalog-backend-module-msgraph';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { entraSandboxServiceRef } from './entraSandbox';

type TokenCredential = ConstructorParameters<typeof MicrosoftGraphClient>[1];

const CONFIG_KEY = 'catalog.providers.microsoftGraphOrg';

/**
 * Client credentials against the sandbox's token endpoint. Dev only: @azure/identity's
 * credential, which the stock module builds, asks a Microsoft host for instance discovery
 * and never reaches a local authority.
 */
function sandboxCredential(
  provider: MicrosoftGraphProviderConfig,
): TokenCredential {
  const { authority, tenantId, clientId, clientSecret } = provider;
  if (!authority || !clientId || !clientSecret) {
    throw new InputError(
      `${CONFIG_KEY}.${provider.id} needs authority, clientId and clientSecret to read the Entra sandbox`,
    );
  }
  const tokenUrl = `${authority.replace(
    /\/+$/,
    '',
  )}/${tenantId}/oauth2/v2.0/token`;
  return {
    async getToken(scopes) {
      const response = await fetch(tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
          scope: ([] as string[]).concat(scopes).join(' '),
        }),
      });
      if (!response.ok) {
        throw new AuthenticationError(
          `The Entra sandbox refused a token for ${CONFIG_KEY}.${
            provider.id
          }.clientId: ${response.status} ${await response.text()}`,
        );
      }
      const token = await response.json();
      return {
        token: token.access_token,
        expiresOnTimestamp: Date.now() + token.expires_in * 1000,
      };
    },
  };
}

/**
 * Dev only: ingests the sandbox's users and groups as the stock msgraph module does for a
 * tenant (same configuration, reader and annotations), with a credential that reaches the
 * sandbox. Waits for the sandbox service, so that the first read finds it running.
 */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'sandbox-org',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        entraSandbox: entraSandboxServiceRef,
      },
      async init({ catalog, config, logger, scheduler }) {
        for (const provider of readProviderConfigs(config)) {
          const { schedule } = provider;
          if (!schedule) {
            throw new InputError(
              `${CONFIG_KEY}.${provider.id}.schedule is missing`,
            );
          }
          const client = new MicrosoftGraphClient(
            provider.target,
            sandboxCredential(provider),
          );
          const name = `SandboxOrgEntityProvider:${provider.id}`;
          catalog.addEntityProvider({
            getProviderName: () => name,
            async connect(connection) {
              await scheduler.scheduleTask({
                ...schedule,
                id: `${name}:refresh`,
                fn: async signal => {
                  const { users, groups } = await readMicrosoftGraphOrg(
                    client,
                    provider.tenantId,
                    { ...provider, logger, signal },
                  );
                  await connection.applyMutation({
                    type: 'full',
                    entities: [...users, ...groups].map(entity => {
                      const location = `msgraph:${provider.id}/${entity.metadata.name}`;
                      entity.metadata.annotations = {
                        ...entity.metadata.annotations,
                        [ANNOTATION_LOCATION]: location,
                        [ANNOTATION_ORIGIN_LOCATION]: location,
                      };
                      return {
                        entity,
                        locationKey: `msgraph-org-provider:${provider.id}`,
                      };
                    }),
                  });
                  logger.info(
                    `Read ${users.length} users and ${groups.length} groups from the Entra sandbox`,
                  );
                },
              });
            },
          });
        }
      },
    });
  },
});
