import {
  AuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

const PLUGIN_TOKEN_PREFIX = 'mock-service-token:';

/**
 * The mock auth service, except that a plugin's request on behalf of a user authenticates
 * with an actor, as backend-defaults' auth does (the plugin's subject). The permission backend
 * refuses resource permissions without a resourceRef from users without actor (a browser
 * asking directly), so conditional decisions asked by a plugin need it; the mock drops it.
 */
export const onBehalfOfAuthFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    return Object.assign(Object.create(auth), {
      async authenticate(
        token: string,
        options?: { allowLimitedAccess?: boolean },
      ) {
        const credentials = await auth.authenticate(token, options);
        if (
          token.startsWith(PLUGIN_TOKEN_PREFIX) &&
          auth.isPrincipal(credentials, 'user')
        ) {
          return mockCredentials.user(credentials.principal.userEntityRef, {
            actor: { subject: 'plugin' },
          });
        }
        return credentials;
      },
    });
  },
});
