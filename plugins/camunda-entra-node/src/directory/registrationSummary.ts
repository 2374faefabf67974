import { EntraApplicationPlan } from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationManifest,
  effectiveGroupClaims,
  MICROSOFT_GRAPH_APP_ID,
  SIGN_IN_SCOPES,
} from './applicationManifest';

/**
 * What registration writes for one application, as people read it (an approver's plan).
 *
 * @public
 */
export interface ApplicationRegistrationSummary {
  /** The platform that carries the redirect URIs; `none` without any. */
  platform: 'web' | 'spa' | 'none';
  /** Where Entra may send people back after sign-in, on that platform. */
  redirectUris: string[];
  /**
   * Delegated permissions: Microsoft Graph's by scope name (openid, profile, …), any other as
   * `<resource app ID>/<permission ID>`.
   */
  apiPermissions: string[];
  /** Names of the optional claims per token type. */
  optionalClaims: { idToken: string[]; accessToken: string[] };
  /** Graph's groupMembershipClaims: `SecurityGroup`, or `None` for no groups claim. */
  groupMembershipClaims: string;
}

const GRAPH_SCOPE_NAMES = new Map(
  Object.entries(SIGN_IN_SCOPES).map(([name, id]) => [id, name]),
);

/**
 * Reads the manifest registration sends for `plan` back into names, so that what an approver
 * is shown cannot drift from what registration writes.
 *
 * @public
 */
export function registrationSummary(
  plan: EntraApplicationPlan,
  options: { deployment: string },
): ApplicationRegistrationSummary {
  const manifest = applicationManifest(plan, options);
  const platform = (['web', 'spa'] as const).find(
    name => manifest[name].redirectUris.length > 0,
  );
  return {
    platform: platform ?? 'none',
    redirectUris: platform ? manifest[platform].redirectUris : [],
    apiPermissions: manifest.requiredResourceAccess.flatMap(resource =>
      resource.resourceAccess.map(
        ({ id }) =>
          (resource.resourceAppId === MICROSOFT_GRAPH_APP_ID &&
            GRAPH_SCOPE_NAMES.get(id)) ||
          `${resource.resourceAppId}/${id}`,
      ),
    ),
    optionalClaims: {
      idToken: manifest.optionalClaims.idToken.map(claim => claim.name),
      accessToken: manifest.optionalClaims.accessToken.map(claim => claim.name),
    },
    groupMembershipClaims: effectiveGroupClaims(manifest.groupMembershipClaims),
  };
}
