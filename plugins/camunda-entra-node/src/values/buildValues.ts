import {
  bundlesDatabases,
  DeploymentSpec,
  EntraClientKey,
  componentUrl,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraOidcEndpoints, tenantCloudEndpoints } from '../clouds';
import { chartLineProfile } from './chartLines';
import { orchestrationInitialization } from './identityAsCode';
import { withSettingsInOrchestrationConfiguration } from './orchestrationConfiguration';
import { applySecondaryStorage } from './secondaryStorage';
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
  const profile = chartLineProfile(spec.chart);
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
  // A PostgreSQL database outside the chart (chart 15.x bundles none).
  const externalDatabase = (
    database: NonNullable<DeploymentSpec['databases']>['identity'],
  ) => {
    if (!database) {
      throw new Error(
        'a database is missing; validate the spec before building values',
      );
    }
    return {
      host: database.host,
      port: database.port,
      database: database.database,
      username: database.username,
      secret: {
        existingSecret: database.password.name,
        existingSecretKey: database.password.key,
      },
    };
  };
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
  // The UI's tokens are for the UI application itself; the public API has its own.
  const modelerAuth = (
    component: 'webModeler' | 'camundaHub',
    ui: EntraClientKey,
    api: EntraClientKey,
  ) => ({
    clientId: clientId(ui),
    clientApiAudience: clientId(ui),
    publicApiAudience: clientId(api),
    redirectUrl: componentUrl(spec, component),
  });
  if (components.webModeler) {
    auth.webModeler = modelerAuth(
      'webModeler',
      'webModelerUi',
      'webModelerApi',
    );
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
  if (components.camundaHub) {
    auth.camundaHub = modelerAuth(
      'camundaHub',
      'camundaHubUi',
      'camundaHubApi',
    );
  }

  if (components.orchestration) {
    const id = clientId('orchestration');
    const orchestration: HelmValues = {
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
      ...(profile.userInfoCallFails && { env: [userInfoOffEnv()] }),
    };
    values.orchestration = profile.settingsInOrchestrationConfiguration
      ? withSettingsInOrchestrationConfiguration(orchestration)
      : orchestration;
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
    if (bundlesDatabases(spec.chart)) {
      values.identityPostgresql = bundledPostgresql(
        CAMUNDA_SECRET_KEYS.identityPostgresqlAdmin,
        CAMUNDA_SECRET_KEYS.identityPostgresqlUser,
      );
    } else {
      (values.identity as HelmValues).externalDatabase = {
        enabled: true,
        ...externalDatabase(spec.databases?.identity),
      };
    }
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
  if (components.camundaHub) {
    // The chart deep-merges camundaHub.* over the deprecated webModeler.* it replaces.
    values.camundaHub = {
      enabled: true,
      restapi: {
        mail: { fromAddress: spec.camundaHub?.fromAddress },
        externalDatabase: externalDatabase(spec.databases?.camundaHub),
      },
    };
  }

  applySecondaryStorage(spec, values);
  return values;
}
