import { StepFailure } from '../failure';
import { OrchestrationAccess, WebSignIn } from '../extract/types';
import { personRoles } from './orchestrationGrants';
import { playWebSignIn } from './webSignIn';

/**
 * One person's login to the Orchestration Cluster's webapps: the web sign-in, then who the
 * cluster takes them for (the username claim) and the roles it gives them, which must include
 * `roles` (the spec's admin by username, a group's member by mapping rule).
 */
export async function playOrchestrationLogin(
  signIn: WebSignIn,
  access: OrchestrationAccess,
  person: { upn: string; roles: string[] },
  ca: string,
): Promise<void> {
  const claims = await playWebSignIn(signIn, person.upn, ca);
  if (typeof claims[access.usernameClaim] !== 'string') {
    throw new StepFailure(
      'username claim',
      `${person.upn} has no ${access.usernameClaim} claim`,
    );
  }
  const given = personRoles(access, claims);
  const missing = person.roles.filter(role => !given.includes(role));
  if (missing.length > 0) {
    throw new StepFailure(
      'roles',
      `${person.upn} is not given ${missing.join(
        ', ',
      )} by the rendered users and mapping rules`,
    );
  }
}
