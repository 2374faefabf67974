import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { targetPaths } from '@backstage/cli-common';
import {
  ENTRA_SANDBOX_DEFAULT_ROLES,
  ENTRA_SANDBOX_DEV_DEFAULTS,
  ENTRA_SANDBOX_GRAPH_ROLES,
  EntraSandbox,
  readSandboxDirectoryFile,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';

/** Git-ignored at the repository root, so the portal's applications survive restarts. */
const DEFAULT_STATE_FILE = '.camunda-entra/entra-sandbox.json';
const DEFAULT_DIRECTORY_FILE = 'examples/entra-directory.yaml';

/** The sandbox when `camundaEntra.sandbox.enabled` is set (a service cannot be undefined). */
export interface EntraSandboxService {
  running?: EntraSandbox;
}

/**
 * The local Entra sandbox, started once per backend. Features that must find it running, such
 * as the OIDC sign-in and the org ingestion, depend on this service.
 */
export const entraSandboxServiceRef = createServiceRef<EntraSandboxService>({
  id: 'camunda-entra.entra-sandbox',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      async factory({ config, logger, lifecycle }) {
        if (!config.getOptionalBoolean('camundaEntra.sandbox.enabled')) {
          return {};
        }
        const directory = config.getConfig('camundaEntra.directory');
        // The portal's OIDC sign-in client, which the sandbox registers, when one is configured.
        const signIn = config.getOptionalConfig(
          `auth.providers.oidc.${
            config.getOptionalString('auth.environment') ?? 'development'
          }`,
        );
        const sandbox = await startEntraSandbox({
          port:
            config.getOptionalNumber('camundaEntra.sandbox.port') ??
            ENTRA_SANDBOX_DEV_DEFAULTS.port,
          browserPort:
            config.getOptionalNumber('camundaEntra.sandbox.browserPort') ??
            ENTRA_SANDBOX_DEV_DEFAULTS.browserPort,
          // Only on request: most portals deliver to the local sink.
          keyVaultPort: config.getOptionalNumber(
            'camundaEntra.sandbox.keyVaultPort',
          ),
          stateFile: targetPaths.resolveRoot(
            config.getOptionalString('camundaEntra.sandbox.stateFile') ??
              DEFAULT_STATE_FILE,
          ),
          caFile: targetPaths.resolveRoot(directory.getString('caFile')),
          tenantId: directory.getString('tenantId'),
          ...readSandboxDirectoryFile(
            targetPaths.resolveRoot(
              config.getOptionalString('camundaEntra.sandbox.directoryFile') ??
                DEFAULT_DIRECTORY_FILE,
            ),
          ),
          identities: [
            {
              clientId: directory.getString('clientId'),
              clientSecret: directory.getString('clientSecret'),
              displayName: 'Camunda Entra portal (sandbox)',
              // What the portal's identity needs on the vault of the Key Vault sink.
              keyVaultRoles: ['Key Vault Secrets Officer'],
              // The product's permissions, and reading people and groups for the catalog.
              roles: [
                ...ENTRA_SANDBOX_DEFAULT_ROLES,
                ENTRA_SANDBOX_GRAPH_ROLES.userReadAll,
                ENTRA_SANDBOX_GRAPH_ROLES.groupMemberReadAll,
              ],
            },
          ],
          signInClients: signIn && [
            {
              clientId: signIn.getString('clientId'),
              clientSecret: signIn.getString('clientSecret'),
              redirectUris: [
                `${config.getString(
                  'backend.baseUrl',
                )}/api/auth/oidc/handler/frame`,
              ],
              displayName: 'Camunda Entra portal sign-in (sandbox)',
            },
          ],
        });
        // Dev only: openid-client and the catalog's Graph reads use Node's default CAs, and
        // NODE_EXTRA_CA_CERTS cannot help since the CA is written after the process started.
        // An earlier sandbox's CA of the same name (tests start several) would shadow this one.
        const { subject } = new X509Certificate(sandbox.caPem);
        tls.setDefaultCACertificates([
          ...tls
            .getCACertificates('default')
            .filter(ca => new X509Certificate(ca).subject !== subject),
          sandbox.caPem,
        ]);
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
        if (
          signIn &&
          signIn.getOptionalString('metadataUrl') !== sandbox.metadataUrl
        ) {
          logger.warn(
            `auth.providers.oidc metadataUrl is not the sandbox's ${sandbox.metadataUrl}; sign-in will not use the sandbox`,
          );
        }
        logger.info(
          `Entra sandbox for tenant ${sandbox.tenantId} listening on ${
            sandbox.url
          }, sign-in page on ${sandbox.browserUrl}${
            sandbox.keyVaultUrl ? `, Key Vault on ${sandbox.keyVaultUrl}` : ''
          } (CA ${sandbox.caFile})`,
        );
        lifecycle.addShutdownHook(() => sandbox.stop());
        return { running: sandbox };
      },
    }),
});

/** Runs the sandbox inside the development backend, so that the portal starts without a tenant. */
export default createBackendPlugin({
  pluginId: 'entra-sandbox',
  register(env) {
    env.registerInit({
      deps: { sandbox: entraSandboxServiceRef },
      async init() {},
    });
  },
});
