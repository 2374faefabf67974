import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import type { HelmValues } from './buildValues';
import { chartLineProfile } from './chartLines';

type SearchStorage = {
  type: 'externalElasticsearch' | 'externalOpensearch';
  url: string;
  username?: string;
  password?: { name: string; key: string };
};

/**
 * Secondary storage, emitted only where it differs from the chart line's defaults. On 8.8
 * and 8.9 the global Elasticsearch/OpenSearch blocks feed Orchestration and Optimize alike;
 * chart 15.x deprecates them for each component's own (see ChartLineProfile.searchValues).
 */
export function applySecondaryStorage(
  spec: DeploymentSpec,
  values: HelmValues,
): void {
  const profile = chartLineProfile(spec.chart);
  const needed =
    spec.components.orchestration !== undefined ||
    spec.components.optimize !== undefined;
  const storage = spec.secondaryStorage ?? { type: 'elasticsearch' as const };
  if (storage.type === 'rdbms') {
    if (needed) {
      applyRdbms(values, storage);
    }
    return;
  }
  if (profile.searchValues === 'component') {
    if (!needed) {
      return;
    }
    if (storage.type === 'elasticsearch') {
      throw new Error(
        `chart ${spec.chart} bundles no Elasticsearch; validate the spec first`,
      );
    }
    applyComponentSearch(spec, values, storage);
    return;
  }

  const global = values.global as HelmValues;
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
    default:
      throw new Error(`unknown secondary storage ${JSON.stringify(storage)}`);
  }
}

function applyRdbms(
  values: HelmValues,
  storage: Extract<
    NonNullable<DeploymentSpec['secondaryStorage']>,
    { type: 'rdbms' }
  >,
) {
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
}

/**
 * Chart 15.x: the Orchestration Cluster's `orchestration.data.secondaryStorage` (its URL as
 * scheme://host:port) and Optimize's `optimize.database` (the URL in parts), each with the
 * same credentials.
 */
function applyComponentSearch(
  spec: DeploymentSpec,
  values: HelmValues,
  storage: SearchStorage,
) {
  const engine =
    storage.type === 'externalElasticsearch' ? 'elasticsearch' : 'opensearch';
  const { url, auth } = searchConnection(storage);
  const { protocol, host, port } = url as {
    protocol: string;
    host: string;
    port: number;
  };
  if (spec.components.orchestration) {
    values.orchestration = {
      ...(values.orchestration as HelmValues),
      data: {
        secondaryStorage: {
          type: engine,
          [engine]: {
            url: `${protocol}://${host}:${port}`,
            // Copies: one object in two places would be written as a YAML anchor and alias.
            ...(auth ? { auth: structuredClone(auth) } : {}),
          },
        },
      },
    };
  }
  if (spec.components.optimize) {
    values.optimize = {
      ...(values.optimize as HelmValues),
      database: {
        [engine]: {
          enabled: true,
          ...(engine === 'elasticsearch' ? { external: true } : {}),
          url,
          ...(auth ? { auth: structuredClone(auth) } : {}),
        },
      },
    };
  }
}

function searchConnection(storage: SearchStorage): {
  url: HelmValues;
  auth?: HelmValues;
} {
  const url = new URL(storage.url);
  const protocol = url.protocol.replace(/:$/, '');
  // URL leaves out the scheme's default port; the chart needs it spelt out.
  const defaultPort = protocol === 'https' ? 443 : 80;
  const connection: { url: HelmValues; auth?: HelmValues } = {
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
