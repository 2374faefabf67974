import { OrchestrationAccess } from '../extract/types';

function claimHas(
  claims: Record<string, unknown>,
  name: string,
  value: string,
) {
  const claim = claims[name];
  return Array.isArray(claim)
    ? claim.map(String).includes(value)
    : String(claim) === value;
}

/**
 * The default roles the Orchestration Cluster gives a person: those naming their username
 * (the configured claim) and those whose mapping rules match their claims.
 */
export function personRoles(
  access: OrchestrationAccess,
  claims: Record<string, unknown>,
): string[] {
  const username = claims[access.usernameClaim];
  const matched = access.mappingRules
    .filter(rule => claimHas(claims, rule.claimName, rule.claimValue))
    .map(rule => rule.id);
  return Object.entries(access.roles)
    .filter(
      ([, members]) =>
        (typeof username === 'string' && members.users.includes(username)) ||
        members.mappingRules.some(id => matched.includes(id)),
    )
    .map(([role]) => role);
}

/** What a client may do: the roles naming its client ID and whether authorizations name it. */
export function clientGrants(access: OrchestrationAccess, clientId: string) {
  return {
    roles: Object.entries(access.roles)
      .filter(([, members]) => members.clients.includes(clientId))
      .map(([role]) => role),
    authorizations: access.clientAuthorizations.filter(id => id === clientId)
      .length,
  };
}
