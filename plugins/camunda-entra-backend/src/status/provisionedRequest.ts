import {
  EntraApplicationPlan,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { RequestStore, StoredRequest } from '../database';
import { DeploymentEntity } from './deploymentEntity';

/**
 * The newest provisioned registration of a deployment: what was approved and registered,
 * so what Entra should show. Matched by deployment name (the key of every application's
 * uniqueName) and tenant, not by entity ref, which requests need not carry.
 */
export async function findProvisionedRequest(
  store: RequestStore,
  deployment: Pick<DeploymentEntity, 'deployment' | 'tenantId'>,
): Promise<StoredRequest | undefined> {
  const provisioned = await store.list({
    state: 'provisioned',
    kind: 'provision',
  });
  const tenantId = deployment.tenantId?.toLowerCase();
  return provisioned.find(request => {
    const { name, tenant } = request.spec as {
      name?: unknown;
      tenant?: { id?: unknown };
    };
    return (
      name === deployment.deployment &&
      (!tenantId || String(tenant?.id).toLowerCase() === tenantId)
    );
  });
}

/**
 * The applications a request's spec plans, computed as provisioning does; undefined when
 * the stored spec no longer validates.
 */
export function plannedApplications(
  request: StoredRequest,
): EntraApplicationPlan[] | undefined {
  const result = validateDeploymentSpec(request.spec);
  return result.valid ? planEntraApplications(result.spec) : undefined;
}
