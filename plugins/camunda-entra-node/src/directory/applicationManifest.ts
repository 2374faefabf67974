import {
  CAMUNDA_COMPONENT_LABELS,
  EntraApplicationPlan,
  DeploymentClientKey,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Microsoft Graph's application ID, the resource of the sign-in scopes.
 *
 * @public
 */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Microsoft Graph's delegated permissions every Camunda application signs users in with.
 *
 * @public
 */
export const SIGN_IN_SCOPES: Readonly<Record<string, string>> = {
  openid: '37f7f235-527c-4136-accd-4a02d197296e',
  profile: '14dad69e-099b-42c9-810b-d002981feec1',
  email: '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
};

/**
 * Tags that mark the applications this product manages, so they can be listed per
 * deployment and traced back to it.
 *
 * @public
 */
export const APPLICATION_TAGS = {
  product: 'camunda-entra',
  deploymentPrefix: 'camunda-entra:deployment:',
  clientPrefix: 'camunda-entra:client:',
} as const;

/**
 * The tag of one deployment's applications.
 *
 * @public
 */
export function deploymentTag(deployment: string): string {
  return `${APPLICATION_TAGS.deploymentPrefix}${deployment}`;
}

/** The application properties registration sets. */
export interface ApplicationManifest {
  displayName: string;
  signInAudience: 'AzureADMyOrg';
  web: { redirectUris: string[] };
  spa: { redirectUris: string[] };
  api: { requestedAccessTokenVersion: 2 };
  optionalClaims: {
    idToken: Array<{ name: string; essential: boolean }>;
    accessToken: Array<{ name: string; essential: boolean }>;
  };
  /** Null: no groups claim. */
  groupMembershipClaims: 'SecurityGroup' | null;
  requiredResourceAccess: Array<{
    resourceAppId: string;
    resourceAccess: Array<{ id: string; type: 'Scope' }>;
  }>;
  tags: string[];
  notes: string;
}

/**
 * The groups claim setting as Graph means it: it leaves `groupMembershipClaims` null on new
 * applications (and registration writes null), which is the same as `None`.
 */
export function effectiveGroupClaims<T>(
  value: T | null | undefined,
): T | 'None' {
  return value ?? 'None';
}

// Graph limits notes to 1024 characters.
const MAX_NOTES_LENGTH = 1024;

/**
 * The desired state of one application, sent whole on every registration so that a second
 * run changes nothing and drift (a redirect URI added by hand, v1 tokens) is corrected.
 */
export function applicationManifest(
  plan: EntraApplicationPlan,
  options: { deployment: string; source?: string },
): ApplicationManifest {
  const uris = (platform: EntraApplicationPlan['platform']) =>
    plan.platform === platform ? plan.redirectUris : [];
  const components = plan.components
    .map(c => CAMUNDA_COMPONENT_LABELS[c])
    .join(', ');
  const notes = [
    `Managed by camunda-entra for the Camunda deployment '${options.deployment}' (${components}).`,
    options.source && `Source: ${options.source}.`,
    'Changes made here are overwritten by the next registration.',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    displayName: plan.displayName,
    signInAudience: 'AzureADMyOrg',
    web: { redirectUris: uris('web') },
    spa: { redirectUris: uris('spa') },
    // v2 tokens: aud is the client ID, and azp and preferred_username exist only in v2.
    api: { requestedAccessTokenVersion: 2 },
    optionalClaims: {
      idToken: plan.optionalClaims.map(name => ({ name, essential: false })),
      accessToken: plan.optionalClaims.map(name => ({
        name,
        essential: false,
      })),
    },
    // Groups claim only where the plan asks for it (see groupMembershipClaims in -common).
    groupMembershipClaims: plan.groupMembershipClaims ?? null,
    requiredResourceAccess: [
      {
        resourceAppId: MICROSOFT_GRAPH_APP_ID,
        resourceAccess: Object.values(SIGN_IN_SCOPES).map(id => ({
          id,
          type: 'Scope',
        })),
      },
    ],
    tags: [
      APPLICATION_TAGS.product,
      deploymentTag(options.deployment),
      `${APPLICATION_TAGS.clientPrefix}${
        plan.client satisfies DeploymentClientKey
      }`,
    ],
    notes: notes.slice(0, MAX_NOTES_LENGTH),
  };
}
