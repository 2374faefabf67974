import { ConflictError } from '@backstage/errors';
import {
  DeploymentSpec,
  RequestPlanRegistration,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DeploymentRecord,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';

/**
 * The registration of a deployment name in a tenant: new, or the one this portal provisioned,
 * which belongs to the entity and namespace it was first provisioned for (takeovers are refused,
 * so every later provisioning has the same owner).
 */
export async function findRegistration(
  store: RequestStore,
  spec: Pick<DeploymentSpec, 'name' | 'tenant'>,
): Promise<RequestPlanRegistration> {
  const provisioned = await store.findProvisioned({
    name: spec.name,
    tenantId: spec.tenant.id,
  });
  return provisioned ? registrationOf(provisioned) : { kind: 'new' };
}

/**
 * The registration a provisioned request made. Its namespace is taken even from a stored spec
 * that no longer validates, as stored: provisioning the deployment again with a valid spec is
 * how such a registration is mended, and that must still be refused to another namespace.
 */
export function registrationOf(
  provisioned: StoredRequest,
): RequestPlanRegistration {
  return {
    kind: 'existing',
    requestId: provisioned.id,
    ...(provisioned.entityRef && { entityRef: provisioned.entityRef }),
    namespace: provisioned.specProblems
      ? String(provisioned.spec.namespace)
      : provisioned.spec.namespace,
    requester: provisioned.requester,
  };
}

/**
 * Refuses a request that would change another entity's or namespace's registration: its
 * applications, redirect URIs and secrets belong to that deployment.
 */
export function assertRegistrationOwner(
  registration: RequestPlanRegistration | DeploymentRecord,
  candidate: { deployment: string; entityRef?: string; namespace: string },
): void {
  const registered =
    'kind' in registration && registration.kind === 'new'
      ? undefined
      : (registration as Exclude<typeof registration, { kind: 'new' }>);
  if (!registered) {
    return;
  }
  const sameEntity =
    (registered.entityRef ?? '').toLowerCase() ===
    (candidate.entityRef ?? '').toLowerCase();
  if (!sameEntity || registered.namespace !== candidate.namespace) {
    throw new ConflictError(
      `The deployment name ${
        candidate.deployment
      } is registered in this tenant for ${
        registered.entityRef ?? 'a request without catalog entity'
      } in namespace ${registered.namespace} (request ${
        registered.requestId
      }); choose another name, or ask that entity's owners to change it`,
    );
  }
}
