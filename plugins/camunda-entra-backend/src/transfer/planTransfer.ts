import { ConflictError, InputError } from '@backstage/errors';
import { DeploymentRecord, RequestStore } from '../database/RequestStore';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import {
  assertNoneOngoing,
  EntityRequestPlan,
  recordedRegistration,
} from '../registrations/entityRequests';
import { buildRequestPlan } from '../provisioning/requestPlan';
import { registrationOf } from '../registrations/registrationOwner';

/** Nothing in the directory or the secret store changes: the plan says so where it names them. */
const NOTHING_DELIVERED =
  'unchanged: a transfer changes no application and no client secret';

/**
 * Plans moving a registered deployment to another owner: no application is planned, only the
 * owner the approval records instead of the current one.
 */
export async function planTransfer(options: {
  store: RequestStore;
  entity: DeploymentEntity;
  record: DeploymentRecord | undefined;
  transferTo: string;
}): Promise<EntityRequestPlan> {
  const { store, entity, record, transferTo } = options;
  const { registration, spec } = await recordedRegistration(
    store,
    entity,
    'whom it belongs to',
  );
  if (!record?.registered) {
    throw new ConflictError(
      `${entity.entityRef} has no registered deployment recorded in this portal to transfer`,
    );
  }
  if (record.owner?.toLowerCase() === transferTo.toLowerCase()) {
    throw new InputError(
      `owner: ${transferTo} already owns the deployment ${entity.deployment}`,
    );
  }
  await assertNoneOngoing(
    store,
    { kind: 'transfer', entityRef: entity.entityRef },
    `A transfer of ${entity.entityRef}`,
  );
  return {
    spec,
    plan: {
      ...buildRequestPlan(
        spec,
        NOTHING_DELIVERED,
        registrationOf(registration),
      ),
      applications: [],
    },
    environment: registration.environment,
    clients: {},
    objectIds: {},
  };
}
