import { ConflictError } from '@backstage/errors';
import {
  DeploymentSpec,
  RequestKind,
  RequestPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import { assertRegistrationOwner, registrationOf } from './registrationOwner';

/**
 * What a request about a deployment's entity (a rotation, a repair) stores: planned from the
 * registration this portal recorded, with the applications it works on.
 */
export interface EntityRequestPlan {
  /** The spec of the deployment's registration. */
  spec: DeploymentSpec;
  plan: RequestPlan;
  environment?: string;
  clients: Record<string, string>;
  objectIds: Record<string, string>;
}

const ONGOING = ['pending', 'approved', 'provisioning'];

/**
 * The registration this portal recorded for the entity's deployment and its spec; a
 * ConflictError saying what is then `unknown` when there is none, or naming the problems of a
 * stored spec that no longer validates. An entity that merely names the deployment in its
 * annotations does not own it.
 */
export async function recordedRegistration(
  store: RequestStore,
  entity: DeploymentEntity,
  unknown: string,
): Promise<{ registration: StoredRequest; spec: DeploymentSpec }> {
  const registration = await store.findProvisioned({
    name: entity.deployment,
    tenantId: entity.tenantId,
  });
  if (!registration) {
    throw new ConflictError(
      `No registration of the deployment ${entity.deployment} is recorded in this portal, so ${unknown} is unknown; provision it through the portal first`,
    );
  }
  const spec = specOf(registration);
  assertRegistrationOwner(registrationOf(registration), {
    deployment: entity.deployment,
    entityRef: entity.entityRef,
    namespace: spec.namespace,
  });
  return { registration, spec };
}

/** A ConflictError when a request of this kind for the entity (and client) is still under way. */
export async function assertNoneOngoing(
  store: RequestStore,
  of: { kind: RequestKind; entityRef: string; client?: string },
  what: string,
): Promise<void> {
  const ongoing = (await store.list({ kind: of.kind })).find(
    request =>
      request.entityRef === of.entityRef &&
      request.client === of.client &&
      ONGOING.includes(request.state),
  );
  if (ongoing) {
    throw new ConflictError(
      `${what} is already ${ongoing.state} (request ${ongoing.id})`,
    );
  }
}
