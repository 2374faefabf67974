import {
  bundlesDatabases,
  DeploymentClientKey,
  DeploymentSpec,
  EntraClientKey,
  machineClientName,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Keys of the Entra client secret Secret, as the guide names them. Only confidential
 * clients appear; Web Modeler's API key is for the users' own API clients.
 *
 * @public
 */
export const ENTRA_SECRET_KEYS: Readonly<
  Partial<Record<EntraClientKey, string>>
> = {
  identity: 'identity-client-secret',
  orchestration: 'orchestration-cluster-client-secret',
  optimize: 'optimize-client-secret',
  webModelerApi: 'webmodeler-api-client-secret',
  camundaHubApi: 'camunda-hub-api-client-secret',
};

/** The same keys, typed per client for the generator's own use. */
export const SECRET_KEY_OF = ENTRA_SECRET_KEYS as {
  readonly identity: string;
  readonly orchestration: string;
  readonly optimize: string;
  readonly webModelerApi: string;
  readonly camundaHubApi: string;
};

/**
 * The Entra Secret key of a machine client's secret, e.g. `machine-ci-client-secret`. The
 * component keys never start with `machine-`, so the two cannot collide.
 *
 * @public
 */
export function machineClientSecretKey(name: string): string {
  return `machine-${name}-client-secret`;
}

/**
 * The Entra Secret key of a client that has a client secret; SPA clients have none.
 *
 * @public
 */
export function entraSecretKey(
  client: DeploymentClientKey,
): string | undefined {
  const machine = machineClientName(client);
  return machine === undefined
    ? ENTRA_SECRET_KEYS[client as EntraClientKey]
    : machineClientSecretKey(machine);
}

/**
 * Keys of the database password Secret, as the guide names them (typo fixed).
 *
 * @public
 */
export const CAMUNDA_SECRET_KEYS = {
  identityPostgresqlAdmin: 'identity-postgresql-admin-password',
  identityPostgresqlUser: 'identity-postgresql-user-password',
  webModelerPostgresqlAdmin: 'webmodeler-postgresql-admin-password',
  webModelerPostgresqlUser: 'webmodeler-postgresql-user-password',
} as const;

/**
 * One key a deployment's Kubernetes Secret must hold.
 *
 * @public
 */
export interface RequiredSecretKey {
  key: string;
  /** What the value is, for the README and the secret script. */
  description: string;
}

/**
 * The keys a spec's two Secrets must hold (enabled components only).
 *
 * @public
 */
export function requiredSecretKeys(spec: DeploymentSpec): {
  entra: RequiredSecretKey[];
  camunda: RequiredSecretKey[];
} {
  const { components } = spec;
  const entra: RequiredSecretKey[] = [];
  const camunda: RequiredSecretKey[] = [];
  if (components.identity) {
    entra.push({
      key: SECRET_KEY_OF.identity,
      description: 'client secret of the Management Identity application',
    });
  }
  if (components.orchestration) {
    entra.push({
      key: SECRET_KEY_OF.orchestration,
      description:
        'client secret of the Orchestration Cluster application (also used by Connectors)',
    });
  }
  if (components.optimize) {
    entra.push({
      key: SECRET_KEY_OF.optimize,
      description: 'client secret of the Optimize application',
    });
  }
  if (components.webModeler) {
    entra.push({
      key: SECRET_KEY_OF.webModelerApi,
      description:
        'client secret of the Web Modeler API application (not read by the chart; for your own Web Modeler API clients)',
    });
  }
  if (components.camundaHub) {
    entra.push({
      key: SECRET_KEY_OF.camundaHubApi,
      description:
        'client secret of the Camunda Hub API application (not read by the chart; for your own Camunda Hub API clients)',
    });
  }
  for (const { name } of spec.machineClients ?? []) {
    entra.push({
      key: machineClientSecretKey(name),
      description: `client secret of the machine client ${name}, for its worker or pipeline (the chart does not read it)`,
    });
  }
  // From chart 15.x the databases are external: their passwords are the spec's `databases`.
  if (!bundlesDatabases(spec.chart)) {
    return { entra, camunda };
  }
  if (components.identity) {
    camunda.push(
      {
        key: CAMUNDA_SECRET_KEYS.identityPostgresqlAdmin,
        description:
          'password of the Management Identity PostgreSQL admin account (postgres); choose any value',
      },
      {
        key: CAMUNDA_SECRET_KEYS.identityPostgresqlUser,
        description:
          'password of the Management Identity PostgreSQL user (identity); choose any value',
      },
    );
  }
  if (components.webModeler) {
    camunda.push(
      {
        key: CAMUNDA_SECRET_KEYS.webModelerPostgresqlAdmin,
        description:
          'password of the Web Modeler PostgreSQL admin account (postgres); choose any value',
      },
      {
        key: CAMUNDA_SECRET_KEYS.webModelerPostgresqlUser,
        description:
          'password of the Web Modeler PostgreSQL user (web-modeler); choose any value',
      },
    );
  }
  return { entra, camunda };
}
