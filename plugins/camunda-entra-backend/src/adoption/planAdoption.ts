import { ConflictError, InputError } from '@backstage/errors';
import {
  deploymentClientIds,
  DeploymentSpec,
  machineClientName,
  planEntraApplications,
  RequestPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationDifferences,
  EntraApplicationInfo,
  MonitoringDirectory,
} from '@camunda-entra/plugin-camunda-entra-node';
import { REGISTRATION_KINDS, RequestStore } from '../database/RequestStore';
import { buildRequestPlan } from '../provisioning/requestPlan';

/** Nothing is delivered: the plan says so where it otherwise names the secrets' destination. */
const NOTHING_DELIVERED =
  'unchanged: an adoption adds and removes no client secret; the first rotation of each client delivers a portal-made secret here';

const ONGOING = ['pending', 'approved', 'provisioning'];

/** What approving an adoption records: the plan, and the applications found. */
export interface AdoptionPlan {
  plan: RequestPlan;
  clients: Record<string, string>;
  objectIds: Record<string, string>;
}

/** The spec field that names a client's ID, e.g. clients.optimize or clients.machine.worker. */
function clientField(client: string): string {
  const machine = machineClientName(client);
  return machine === undefined
    ? `clients.${client}`
    : `clients.machine.${machine}`;
}

/**
 * Plans the adoption of a deployment whose applications were registered by hand: each
 * application the spec needs, read by the client ID the spec names under `clients`, with how it
 * differs from what the portal would register and its client secrets (never their text).
 * Refused (naming the field) when a client ID is missing for an application the spec needs,
 * names none it needs, is not in the tenant, or belongs to another deployment: one whose
 * product tags it carries, or one this portal recorded or is adopting.
 */
export async function planAdoption(options: {
  store: RequestStore;
  directory: MonitoringDirectory;
  spec: DeploymentSpec;
}): Promise<AdoptionPlan> {
  const { store, directory, spec } = options;
  const planned = planEntraApplications(spec);
  const ids = deploymentClientIds(spec.clients);
  const missing = planned.filter(({ client }) => !ids[client]);
  const extra = Object.keys(ids).filter(
    client => !planned.some(application => application.client === client),
  );
  const problems = [
    ...missing.map(
      ({ client, displayName }) =>
        `${clientField(
          client,
        )}: is required to adopt the deployment: the client ID of its ${displayName} application`,
    ),
    ...extra.map(
      client =>
        `${clientField(
          client,
        )}: names no application of this deployment's components`,
    ),
  ];
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }

  const { applications } = await directory.getApplicationsByAppId(
    Object.values(ids),
  );
  const found = new Map<string, EntraApplicationInfo>(
    applications.map(application => [
      application.appId.toLowerCase(),
      application,
    ]),
  );
  const absent = planned.filter(
    ({ client }) => !found.has(ids[client].toLowerCase()),
  );
  if (absent.length > 0) {
    throw new InputError(
      absent
        .map(
          ({ client }) =>
            `${clientField(client)}: no application with the client ID ${
              ids[client]
            } in the tenant`,
        )
        .join('; '),
    );
  }
  await assertNobodyElses(store, spec, ids, found);

  const plan = buildRequestPlan(spec, NOTHING_DELIVERED, { kind: 'new' });
  const current = (client: string) => found.get(ids[client].toLowerCase())!;
  return {
    plan: {
      ...plan,
      applications: planned.map(application => {
        const existing = current(application.client);
        return {
          ...plan.applications.find(a => a.client === application.client)!,
          secret: false,
          differences: applicationDifferences(application, spec.name, existing),
          existing: {
            appId: existing.appId,
            displayName: existing.displayName,
            secrets: existing.passwordCredentials.map(secret => ({
              keyId: secret.keyId,
              ...(secret.hint && { hint: secret.hint }),
              ...(secret.endDateTime && { endDateTime: secret.endDateTime }),
            })),
          },
        };
      }),
    },
    clients: Object.fromEntries(
      planned.map(({ client }) => [client, current(client).appId]),
    ),
    objectIds: Object.fromEntries(
      planned.map(({ client }) => [client, current(client).objectId]),
    ),
  };
}

/**
 * A ConflictError naming the field of the first application that belongs to another deployment:
 * tagged for another deployment name, recorded by another registration, or being adopted by
 * another request.
 */
async function assertNobodyElses(
  store: RequestStore,
  spec: DeploymentSpec,
  ids: Record<string, string>,
  found: Map<string, EntraApplicationInfo>,
): Promise<void> {
  const [provisioned, adoptions] = await Promise.all([
    store.list({ state: 'provisioned' }),
    store.list({ kind: 'adopt' }),
  ]);
  const holders = [
    ...provisioned.filter(r => REGISTRATION_KINDS.includes(r.kind)),
    ...adoptions.filter(r => ONGOING.includes(r.state)),
  ].filter(r => r.specProblems || r.spec.name !== spec.name);
  for (const [client, appId] of Object.entries(ids)) {
    const tagged = found.get(appId.toLowerCase())?.deployment;
    if (tagged && tagged !== spec.name) {
      throw new ConflictError(
        `${clientField(
          client,
        )}: the application ${appId} is tagged as part of the deployment ${tagged}; adopt it under that name`,
      );
    }
    const holder = holders.find(r =>
      Object.values(r.clients).some(
        id => id.toLowerCase() === appId.toLowerCase(),
      ),
    );
    if (holder) {
      throw new ConflictError(
        `${clientField(
          client,
        )}: the application ${appId} belongs to the deployment ${
          holder.specProblems ? holder.id : holder.spec.name
        } (request ${holder.id}, ${holder.state})`,
      );
    }
  }
}
