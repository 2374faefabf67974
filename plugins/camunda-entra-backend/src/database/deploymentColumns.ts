import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * The deployment a spec names, as requests are found by it: its name and lower-cased tenant
 * ID. The migrations filled the columns of earlier requests the same way (null where a stored
 * spec had none).
 */
export function deploymentColumns(spec: DeploymentSpec): {
  deployment: string;
  tenant_id: string;
} {
  return { deployment: spec.name, tenant_id: spec.tenant.id.toLowerCase() };
}
