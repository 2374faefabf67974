import {
  DeploymentSpec,
  planEntraApplications,
  RequestPlan,
  RequestPlanRegistration,
} from '@camunda-entra/plugin-camunda-entra-common';
import { registrationSummary } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * What approving a request will create or change, as the approver sees it: read from the
 * manifest registration writes, so the two cannot drift apart.
 */
export function buildRequestPlan(
  spec: DeploymentSpec,
  secretDestination: string,
  registration: RequestPlanRegistration,
): RequestPlan {
  return {
    registration,
    applications: planEntraApplications(spec).map(application => ({
      client: application.client,
      displayName: application.displayName,
      uniqueName: application.uniqueName,
      ...registrationSummary(application, { deployment: spec.name }),
      secret: application.needsSecret,
    })),
    secretLifetimeDays: spec.secretLifetimeDays,
    secretDestination,
  };
}
