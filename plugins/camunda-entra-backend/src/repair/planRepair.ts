import { ConflictError } from '@backstage/errors';
import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { applicationDifferences } from '@camunda-entra/plugin-camunda-entra-node';
import { RequestStore } from '../database/RequestStore';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import {
  assertNoneOngoing,
  EntityRequestPlan,
  recordedRegistration,
} from '../registrations/entityRequests';
import { buildRequestPlan } from '../provisioning/requestPlan';
import { registrationOf } from '../registrations/registrationOwner';

/** Secrets stay as they are: the plan says so where it otherwise names their destination. */
const SECRETS_UNTOUCHED =
  'unchanged: a repair adds and removes no client secret';

/**
 * Plans the repair of a deployment from the registration this portal recorded for it: the
 * applications that differ from it now, read fresh from the directory, each with the
 * properties that registering it again undoes. Refused for an adopted deployment.
 */
export async function planRepair(options: {
  store: RequestStore;
  directory: MonitoringDirectory;
  entity: DeploymentEntity;
}): Promise<EntityRequestPlan> {
  const { store, entity } = options;
  const { registration, spec } = await recordedRegistration(
    store,
    entity,
    'what its applications should look like',
  );
  if (registration.kind === 'adopt') {
    throw new ConflictError(
      `${entity.entityRef} was adopted (request ${registration.id}): its applications were registered by hand, and a repair registers applications again by the uniqueName the portal gives them, which they lack; undo their drift by hand`,
    );
  }
  await assertNoneOngoing(
    store,
    { kind: 'repair', entityRef: entity.entityRef },
    `A repair of ${entity.entityRef}`,
  );

  const { applications } = await options.directory.getApplicationsByAppId(
    Object.values(registration.clients),
  );
  const drifted = planEntraApplications(spec).flatMap(application => {
    const appId = registration.clients[application.client]?.toLowerCase();
    const current = applications.find(a => a.appId.toLowerCase() === appId);
    const differences = current
      ? applicationDifferences(application, spec.name, current)
      : [];
    return differences.length > 0 ? [{ application, differences }] : [];
  });
  if (drifted.length === 0) {
    throw new ConflictError(
      `The applications of ${entity.entityRef} match their registration: there is nothing to repair`,
    );
  }

  const plan = buildRequestPlan(
    spec,
    SECRETS_UNTOUCHED,
    registrationOf(registration),
  );
  const clientsOf = (ids: Record<string, string>) =>
    Object.fromEntries(
      drifted.map(({ application }) => [
        application.client,
        ids[application.client],
      ]),
    );
  return {
    spec,
    plan: {
      ...plan,
      applications: drifted.map(({ application, differences }) => ({
        ...plan.applications.find(a => a.client === application.client)!,
        secret: false,
        differences,
      })),
    },
    environment: registration.environment,
    clients: clientsOf(registration.clients),
    objectIds: clientsOf(registration.objectIds),
  };
}
