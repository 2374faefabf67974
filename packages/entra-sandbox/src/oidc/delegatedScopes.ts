import { DirectoryStore } from '../directory/store';
import { MICROSOFT_GRAPH_APP_ID } from './graphResource';
import { OIDC_SCOPES } from './userTokens';

/**
 * The scopes of an authorization request: OIDC scopes plus the delegated scopes Microsoft
 * Graph's service principal publishes (bare or after a Graph resource such as
 * `https://graph.microsoft.com/`); `User.Read` when no Graph scope is asked for, as Entra
 * adds it. Returns the first scope that is none of these instead.
 */
export function parseDelegatedScopes(
  scope: string,
  store: DirectoryStore,
  graphResources: string[],
): string[] | string {
  const graph = store.findServicePrincipal({
    property: 'appId',
    value: MICROSOFT_GRAPH_APP_ID,
  });
  const published = (
    (graph?.entity.oauth2PermissionScopes as Array<{ value: string }>) ?? []
  ).map(s => s.value);
  const prefixes = graphResources.map(r => `${r.replace(/\/+$/, '')}/`);
  const result: string[] = [];
  for (const requested of scope.split(' ').filter(Boolean)) {
    const prefix = prefixes.find(p => requested.startsWith(p));
    const name = prefix ? requested.slice(prefix.length) : requested;
    const known =
      OIDC_SCOPES.includes(name) ||
      published.includes(name) ||
      (prefix !== undefined && name === '.default');
    if (!known) {
      return requested;
    }
    const granted = name === '.default' ? 'User.Read' : name;
    if (!result.includes(granted)) {
      result.push(granted);
    }
  }
  if (result.every(s => OIDC_SCOPES.includes(s))) {
    result.push('User.Read');
  }
  return result;
}
