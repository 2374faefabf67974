import {
  ComponentEntraStatus,
  EntraApplicationPlan,
  EntraHealth,
  SecretCredentialStatus,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationDifferences,
  EntraApplicationInfo,
} from '@camunda-entra/plugin-camunda-entra-node';
import { SecretExpiryThresholds } from '../config';
import { actualPlatform, compareRedirectUris } from './redirectUris';
import { secretExpiry } from './secretExpiry';

const PREFERRED_USERNAME = 'preferred_username';

const PLATFORM_LABELS = {
  web: 'Web',
  spa: 'Single-page application',
  none: 'no',
} as const;

/**
 * One client of a deployment, as the status endpoint evaluates it.
 */
export interface ComponentStatusInput {
  client: string;
  /** From the entity's client-id annotation. */
  appId: string;
  /** The entity's deployment; only applications tagged with it, or recorded for it, are shown. */
  deployment: string;
  /**
   * Whether the deployment's registration recorded this client ID: so are applications
   * registered by hand and adopted, which carry no tag.
   */
  recorded?: boolean;
  /** What the deployment's recorded spec plans for the client; undefined when unknown. */
  expected?: EntraApplicationPlan;
  /** Undefined when the tenant has no application with that ID. */
  application?: EntraApplicationInfo;
  servicePrincipal: boolean;
  /** Entra admin center of the tenant's cloud. */
  portalUrl: string;
  now: number;
  thresholds: SecretExpiryThresholds;
}

type Problem = { message: string; health: Exclude<EntraHealth, 'ok'> };

/**
 * The state of one client: configuration checks, redirect URI drift and secret expiry,
 * with the problems behind its health. Never touches secret text (Graph has none to read).
 */
export function componentStatus(
  input: ComponentStatusInput,
): ComponentEntraStatus {
  const { client, appId, expected, application, deployment } = input;
  const portalUrl = `${input.portalUrl}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${appId}`;
  if (!application) {
    return unavailable(
      input,
      portalUrl,
      `No application with client ID ${appId} exists in the tenant`,
    );
  }
  // An annotation can name any application; one of another deployment is not shown.
  if (!input.recorded && application.deployment !== deployment) {
    return unavailable(
      { ...input, servicePrincipal: false },
      portalUrl,
      `Client ID ${appId} is not part of this deployment: its application is neither tagged for ${deployment} nor recorded by its registration`,
    );
  }

  const problems: Problem[] = [];
  const platform = actualPlatform(application, expected?.platform);
  const expectedPlatform = expected?.platform ?? platform;
  const redirectUris = compareRedirectUris(expected, application);
  if (!expected) {
    problems.push({
      health: 'warning',
      message:
        'Expected redirect URIs are unknown: this portal has no record of provisioning this client',
    });
  } else if (platform !== expectedPlatform && platform !== 'none') {
    problems.push({
      health: 'error',
      message: `Redirect URIs are registered for the ${PLATFORM_LABELS[platform]} platform; this client needs ${PLATFORM_LABELS[expectedPlatform]} redirect URIs`,
    });
  }
  if (redirectUris.missing.length > 0) {
    problems.push({
      health: 'error',
      message: `Missing redirect URIs (sign-in fails with AADSTS50011): ${redirectUris.missing.join(
        ', ',
      )}`,
    });
  }
  if (redirectUris.unexpected.length > 0) {
    problems.push({
      health: 'warning',
      message: `Unexpected redirect URIs, added outside the portal: ${redirectUris.unexpected.join(
        ', ',
      )}`,
    });
  }

  const accessTokenVersion2 = application.requestedAccessTokenVersion === 2;
  if (!accessTokenVersion2) {
    problems.push({
      health: 'error',
      message:
        'Access tokens are not version 2 (api.requestedAccessTokenVersion): their audience is not the client ID and azp and preferred_username are missing',
    });
  }
  const preferredUsernameClaim =
    application.optionalClaims.idToken.includes(PREFERRED_USERNAME) &&
    application.optionalClaims.accessToken.includes(PREFERRED_USERNAME);
  if (!preferredUsernameClaim) {
    problems.push({
      health: 'error',
      message:
        'preferred_username is not an optional claim of both ID and access tokens: Camunda cannot identify users',
    });
  }
  const drift = expected
    ? applicationDifferences(expected, deployment, application)
    : [];
  const groupClaims = drift.find(d => d.property === 'groupMembershipClaims');
  if (groupClaims) {
    problems.push(groupClaimsProblem(groupClaims.actual, groupClaims.expected));
  }
  if (!input.servicePrincipal) {
    problems.push({
      health: 'error',
      message:
        'The application has no service principal: it cannot sign anyone in to this tenant',
    });
  }

  const secrets = secretStatuses(application, input.now, input.thresholds);
  if (expectedPlatform !== 'spa') {
    problems.push(...secretProblems(secrets));
  }

  return {
    client,
    appId,
    found: true,
    displayName: application.displayName,
    objectId: application.objectId,
    expectedPlatform,
    actualPlatform: platform,
    redirectUris,
    accessTokenVersion2,
    preferredUsernameClaim,
    servicePrincipal: input.servicePrincipal,
    drift,
    secrets,
    problems: problems.map(problem => problem.message),
    health: worstHealth(problems.map(problem => problem.health)),
    portalUrl,
  };
}

/**
 * The worst of some healths; `ok` for none.
 */
export function worstHealth(healths: EntraHealth[]): EntraHealth {
  if (healths.includes('error')) {
    return 'error';
  }
  return healths.includes('warning') ? 'warning' : 'ok';
}

/** Newest end date first: the first is the one a rotation delivered last. */
function secretStatuses(
  application: EntraApplicationInfo,
  now: number,
  thresholds: SecretExpiryThresholds,
): SecretCredentialStatus[] {
  return application.passwordCredentials
    .flatMap(({ keyId, displayName, hint, startDateTime, endDateTime }) =>
      endDateTime
        ? [
            {
              keyId,
              displayName,
              hint,
              startDateTime,
              endDateTime,
              ...secretExpiry(endDateTime, now, thresholds),
            },
          ]
        : [],
    )
    .sort((a, b) => Date.parse(b.endDateTime) - Date.parse(a.endDateTime));
}

/** Without the expected groups claim the deployment's group roles match nobody. */
function groupClaimsProblem(actual: string, expected: string): Problem {
  return expected === 'None'
    ? {
        health: 'warning',
        message: `Tokens carry a groups claim (groupMembershipClaims ${actual}) that the deployment does not use`,
      }
    : {
        health: 'error',
        message: `Tokens lack the groups claim (groupMembershipClaims is ${actual}, needs ${expected}): the roles of access.groups reach nobody`,
      };
}

/** A confidential client works as long as its newest secret does. */
function secretProblems(secrets: SecretCredentialStatus[]): Problem[] {
  const newest = secrets[0];
  if (!newest || newest.status === 'expired') {
    return [
      {
        health: 'error',
        message:
          'No valid client secret: the component cannot authenticate; request a rotation',
      },
    ];
  }
  if (newest.status === 'ok') {
    return [];
  }
  return [
    {
      health: newest.status === 'critical' ? 'error' : 'warning',
      message: `The newest client secret expires in ${newest.daysLeft} days (${newest.endDateTime}); request a rotation`,
    },
  ];
}

/** A client whose application cannot be shown: missing, or not the deployment's. */
function unavailable(
  input: ComponentStatusInput,
  portalUrl: string,
  problem: string,
): ComponentEntraStatus {
  return {
    client: input.client,
    appId: input.appId,
    found: false,
    expectedPlatform: input.expected?.platform ?? 'none',
    redirectUris: compareRedirectUris(input.expected, undefined),
    accessTokenVersion2: false,
    preferredUsernameClaim: false,
    servicePrincipal: input.servicePrincipal,
    drift: [],
    secrets: [],
    problems: [problem],
    health: 'error',
    portalUrl,
  };
}
