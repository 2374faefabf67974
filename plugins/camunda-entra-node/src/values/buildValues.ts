import {
  DeploymentSpec,
  EntraClientKey,
  componentUrl,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraOidcEndpoints, tenantCloudEndpoints } from '../clouds';
import { chartLineProfile } from './chartLines';
import { orchestrationInitialization } from './identityAsCode';
import { CAMUNDA_SECRET_KEYS, SECRET_KEY_OF } from './secretKeys';
import { userInfoOffEnv } from './userInfo';

/**
 * Helm values as a plain object tree.
 *
 * @public
 */
export type HelmValues = { [key: string]: unknown };

/**
 * Builds the Helm values for a spec whose clients are all registered. Only enabled
 * components appear (plus `enabled: false` for the two the chart enables by default), laid
 * out as in the guide, with its corrections applied (see GUIDE_CORRECTIONS).
 *
 * @public
 */
export function buildHelmValues(spec: DeploymentSpec): HelmValues {
  const { components } = spec;
  const clientId = (client: EntraClientKey) => {
    const id = spec.clients[client];
    if (!id) {
      throw new Error(
        `clients.${client} is missing; validate the spec with requireClients first`,
      );
    }
    return id;
  };
  const entraSecret = (key: string) => ({
    existingSecret: spec.secrets.entra,
    existingSecretKey: key,
  });
  // The chart's bundled PostgreSQL, its passwords from the Camunda secret.
  const bundledPostgresql = (
    adminPasswordKey: string,
    userPasswordKey: string,
  ) => ({
    enabled: true,
    auth: {
      existingSecret: spec.secrets.camunda,
      secretKeys: { adminPasswordKey, userPasswordKey },
    },
  });
  const endpoints = entraOidcEndpoints(
    tenantCloudEndpoints(spec.tenant).authorityHost,
    spec.tenant.id,
  );

  const auth: HelmValues = {
    enabled: true,
    issuer: endpoints.issuer,
    issuerBackendUrl: endpoints.issuer,
    authUrl: endpoints.authUrl,
    tokenUrl: endpoints.tokenUrl,
    jwksUrl: endpoints.jwksUrl,
    type: 'MICROSOFT',
  };
  const values: HelmValues = {
    global: {
      identity: { auth },
      security: { authentication: { method: 'oidc' } },
    },
  };

  if (components.identity) {
    const id = clientId('identity');
    auth.identity = {
      clientId: id,
      audience: id,
      initialClaimName: spec.claims.username,
      initialClaimValue: spec.admins[0],
      secret: entraSecret(SECRET_KEY_OF.identity),
    };
  }
  if (components.optimize) {
    const id = clientId('optimize');
    auth.optimize = {
      clientId: id,
      audience: id,
      redirectUrl: componentUrl(spec, 'optimize'),
      secret: entraSecret(SECRET_KEY_OF.optimize),
    };
  }
  if (components.webModeler) {
    const uiId = clientId('webModelerUi');
    auth.webModeler = {
      clientId: uiId,
      clientApiAudience: uiId,
      publicApiAudience: clientId('webModelerApi'),
      redirectUrl: componentUrl(spec, 'webModeler'),
    };
  }
  if (components.console) {
    const id = clientId('console');
    auth.console = {
      clientId: id,
      audience: id,
      wellKnown: endpoints.wellKnownUrl,
      redirectUrl: componentUrl(spec, 'console'),
    };
  }

  if (components.orchestration) {
    const id = clientId('orchestration');
    values.orchestration = {
      security: {
        authentication: {
          oidc: {
            clientId: id,
            audience: id,
            usernameClaim: spec.claims.username,
            clientIdClaim: spec.claims.clientId,
            preferUsernameClaim: true,
            redirectUrl: componentUrl(spec, 'orchestration'),
            scope: ['openid', 'profile', 'offline_access', `${id}/.default`],
            secret: entraSecret(SECRET_KEY_OF.orchestration),
          },
        },
        initialization: orchestrationInitialization(spec, id),
      },
      ...(chartLineProfile(spec.chart).userInfoCallFails && {
        env: [userInfoOffEnv()],
      }),
    };
  } else {
    values.orchestration = { enabled: false };
  }

  if (components.connectors) {
    const id = clientId('orchestration');
    values.connectors = {
      security: {
        authentication: {
          oidc: {
            clientId: id,
            tokenScope: `${id}/.default`,
            secret: entraSecret(SECRET_KEY_OF.orchestration),
          },
        },
      },
    };
  } else {
    values.connectors = { enabled: false };
  }

  if (components.identity) {
    values.identity = {
      enabled: true,
      fullURL: componentUrl(spec, 'identity'),
      ...(components.optimize
        ? {}
        : {
            env: [
              {
                name: 'CAMUNDA_IDENTITY_AUDIENCE',
                value: clientId('identity'),
              },
            ],
          }),
    };
    values.identityPostgresql = bundledPostgresql(
      CAMUNDA_SECRET_KEYS.identityPostgresqlAdmin,
      CAMUNDA_SECRET_KEYS.identityPostgresqlUser,
    );
  }
  if (components.optimize) {
    values.optimize = { enabled: true };
  }
  if (components.webModeler) {
    values.webModeler = {
      enabled: true,
      restapi: { mail: { fromAddress: spec.webModeler?.fromAddress } },
    };
    values.webModelerPostgresql = bundledPostgresql(
      CAMUNDA_SECRET_KEYS.webModelerPostgresqlAdmin,
      CAMUNDA_SECRET_KEYS.webModelerPostgresqlUser,
    );
  }
  if (components.console) {
    values.console = { enabled: true };
  }

  applySecondaryStorage(spec, values);
  return values;
}

/**
 * Secondary storage, emitted only where it differs from the chart line's defaults. The
 * global Elasticsearch/OpenSearch blocks feed Orchestration and Optimize alike on both lines.
 */
function applySecondaryStorage(spec: DeploymentSpec, values: HelmValues) {
  const profile = chartLineProfile(spec.chart);
  const global = values.global as HelmValues;
  const needed =
    spec.components.orchestration !== undefined ||
    spec.components.optimize !== undefined;
  const storage = spec.secondaryStorage ?? { type: 'elasticsearch' as const };
  const bundled = needed && storage.type === 'elasticsearch';

  if (bundled !== profile.bundledElasticsearchByDefault) {
    values.elasticsearch = { enabled: bundled };
  }
  if (!needed) {
    if (profile.bundledElasticsearchByDefault) {
      global.elasticsearch = { enabled: false };
    }
    return;
  }

  switch (storage.type) {
    case 'elasticsearch':
      if (!profile.bundledElasticsearchByDefault) {
        global.elasticsearch = { enabled: true };
      }
      return;
    case 'externalElasticsearch':
      global.elasticsearch = {
        enabled: true,
        external: true,
        ...searchConnection(storage),
      };
      return;
    case 'externalOpensearch':
      if (profile.bundledElasticsearchByDefault) {
        global.elasticsearch = { enabled: false };
      }
      global.opensearch = { enabled: true, ...searchConnection(storage) };
      return;
    case 'rdbms':
      values.orchestration = {
        ...(values.orchestration as HelmValues),
        exporters: { rdbms: { enabled: true } },
        data: {
          secondaryStorage: {
            type: 'rdbms',
            rdbms: {
              url: storage.url,
              username: storage.username,
              secret: {
                existingSecret: storage.password.name,
                existingSecretKey: storage.password.key,
              },
            },
          },
        },
      };
      return;
    default:
      throw new Error(`unknown secondary storage ${JSON.stringify(storage)}`);
  }
}

function searchConnection(storage: {
  url: string;
  username?: string;
  password?: { name: string; key: string };
}): HelmValues {
  const url = new URL(storage.url);
  const protocol = url.protocol.replace(/:$/, '');
  // URL leaves out the scheme's default port; the chart needs it spelt out.
  const defaultPort = protocol === 'https' ? 443 : 80;
  const connection: HelmValues = {
    url: {
      protocol,
      host: url.hostname,
      port: url.port ? Number(url.port) : defaultPort,
    },
  };
  if (storage.username || storage.password) {
    connection.auth = {
      ...(storage.username ? { username: storage.username } : {}),
      ...(storage.password
        ? {
            secret: {
              existingSecret: storage.password.name,
              existingSecretKey: storage.password.key,
            },
          }
        : {}),
    };
  }
  return connection;
}
