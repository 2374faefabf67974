import {
  DeploymentSpec,
  planEntraApplications,
  RequestPlan,
  RequestPlanRegistration,
} from '@camunda-entra/plugin-camunda-entra-common';

/** The delegated Microsoft Graph scopes every application is registered with (sign-in). */
const SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

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
      apiPermissions: SIGN_IN_SCOPES,
      secret: application.needsSecret,
    })),
    secretLifetimeDays: spec.secretLifetimeDays,
    secretDestination,
  };
}
