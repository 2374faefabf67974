import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import type { FleetEntry } from '../database/FleetStatusStore';
import type { StoredRequest } from '../database/RequestStore';

/** A registration as the fleet view describes its deployment. */
export function fleetEntry(
  registration: StoredRequest,
  spec: DeploymentSpec,
): FleetEntry {
  return {
    tenantId: spec.tenant.id,
    deployment: spec.name,
    ...(registration.entityRef && { entityRef: registration.entityRef }),
    chart: spec.chart,
    namespace: spec.namespace,
    ...(registration.environment && {
      environment: registration.environment,
    }),
  };
}
