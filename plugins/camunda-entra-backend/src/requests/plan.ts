import {
  DeploymentSpec,
  planEntraApplications,
  RequestPlan,
  RequestPlanRegistration,
} from '@camunda-entra/plugin-camunda-entra-common';
import { SIGN_IN_SCOPES } from '@camunda-entra/plugin-camunda-entra-node';

/** The delegated Microsoft Graph scopes registration requests, by name, as the approver reads them. */
const API_PERMISSIONS = Object.keys(SIGN_IN_SCOPES);

/**
 * What approving a request will create or change, as the approver sees it.
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
      platform: application.platform,
      redirectUris: application.redirectUris,
      apiPermissions: API_PERMISSIONS,
      secret: application.needsSecret,
    })),
    secretLifetimeDays: spec.secretLifetimeDays,
    secretDestination,
  };
}
