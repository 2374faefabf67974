import { createBackendModule } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { MICROSOFT_GRAPH_USER_ID_ANNOTATION } from '@backstage/plugin-catalog-backend-module-msgraph';
import { entraSandboxServiceRef } from './entraSandbox';

/**
 * Dev only: the `oidc` provider signs the sandbox's people in as the catalog users the sandbox
 * ingestion wrote, by their Entra object ID (`oid`), as production's Microsoft provider does.
 * The stock OIDC module cannot: Entra's userinfo has no `email_verified`, so it drops the email
 * its resolvers match on. Depending on the sandbox service keeps the auth plugin from starting
 * (and fetching the discovery document, once) before the sandbox runs.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'sandbox-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        entraSandbox: entraSandboxServiceRef,
      },
      async init({ providers, entraSandbox }) {
        if (!entraSandbox.running) {
          return;
        }
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            // The sandbox is the only issuer here, so its email and name are taken as given.
            profileTransform: async ({ fullProfile: { userinfo } }) => ({
              profile: {
                email: userinfo.email,
                displayName: userinfo.name,
              },
            }),
            async signInResolver({ result }, ctx) {
              const { oid } = result.fullProfile.tokenset.claims();
              if (typeof oid !== 'string') {
                throw new AuthenticationError(
                  "The sandbox's ID token has no oid claim",
                );
              }
              return ctx.signInWithCatalogUser({
                annotations: { [MICROSOFT_GRAPH_USER_ID_ANNOTATION]: oid },
              });
            },
          }),
        });
      },
    });
  },
});
