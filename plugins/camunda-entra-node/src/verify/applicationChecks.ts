import {
  deploymentClientLabel,
  EntraApplicationPlan,
  SignInCheck,
  SignInProblem,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '../directory';

/** Checks run and the problems they found, gathered client by client. */
export class CheckResults {
  checks = 0;
  readonly problems: SignInProblem[] = [];

  /** Counts one check; records its problem, if any. */
  check(
    client: SignInProblem['client'],
    check: SignInCheck,
    problem: Omit<SignInProblem, 'client' | 'check'> | undefined,
  ): void {
    this.checks += 1;
    if (problem) {
      this.problems.push({ client, check, ...problem });
    }
  }
}

// As the Entra admin center names the platforms, and how each signs in.
const PLATFORMS = {
  web: { name: 'Web', signsIn: 'a Web application, with its secret' },
  spa: {
    name: 'Single-page application',
    signsIn: 'a single-page application, with PKCE and no secret',
  },
};

/**
 * The registered application against its plan, the source registration writes from: that
 * it exists with a service principal, its platform, its redirect URIs (exactly, as Entra
 * compares them case-sensitively) and v2 access tokens. False when it does not exist.
 */
export function checkApplication(
  results: CheckResults,
  plan: EntraApplicationPlan,
  clientId: string,
  found: { application?: EntraApplicationInfo; servicePrincipal: boolean },
): boolean {
  const { client } = plan;
  const { application } = found;
  let missing: string | undefined;
  if (!application) {
    missing = `no application with client ID ${clientId} exists in the tenant`;
  } else if (!found.servicePrincipal) {
    missing = `application ${clientId} has no service principal in the tenant: nobody can sign in to it`;
  }
  results.check(
    client,
    'application',
    missing === undefined ? undefined : { message: missing },
  );
  if (!application) {
    return false;
  }

  const registered = {
    web: application.webRedirectUris,
    spa: application.spaRedirectUris,
  };
  if (plan.platform !== 'none') {
    const other = plan.platform === 'web' ? 'spa' : 'web';
    results.check(
      client,
      'platform',
      registered[other].length > 0
        ? {
            message: `redirect URIs are registered under the ${
              PLATFORMS[other].name
            } platform, but ${deploymentClientLabel(client)} signs in as ${
              PLATFORMS[plan.platform].signsIn
            }`,
          }
        : undefined,
    );
  }
  const actual = [...new Set([...registered.web, ...registered.spa])];
  const missingUris = plan.redirectUris.filter(uri => !actual.includes(uri));
  const unexpected = actual.filter(uri => !plan.redirectUris.includes(uri));
  const differences = [
    missingUris.length > 0 &&
      `${missingUris.join(
        ', ',
      )} missing (sign-in there fails with AADSTS50011)`,
    unexpected.length > 0 &&
      `${unexpected.join(', ')} registered but not configured`,
  ].filter(Boolean);
  results.check(
    client,
    'redirectUris',
    differences.length > 0
      ? {
          message: `redirect URIs differ from those the values configure: ${differences.join(
            '; ',
          )}`,
        }
      : undefined,
  );
  const version = application.requestedAccessTokenVersion;
  results.check(
    client,
    'tokenVersion',
    version !== 2
      ? {
          message: `accepts v${
            version ?? 1
          } access tokens (api.requestedAccessTokenVersion ${
            version ?? 'null'
          }), not v2: their audience is not the client ID and they carry no azp`,
        }
      : undefined,
  );
  return true;
}
