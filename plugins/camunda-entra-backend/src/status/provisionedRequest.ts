import {
  EntraApplicationPlan,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { StoredRequest } from '../database';

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
