/**
 * The scopes Camunda's Identity SDK asks Entra for (Management Identity, Optimize, Web Modeler,
 * Console, Camunda Hub): set in the components' code, not in the chart, as Camunda's Entra
 * guide says ("email, openid, offline_access and <CLIENT_UUID>/.default").
 */
export function identitySdkScopes(clientId: string): string[] {
  return ['openid', 'email', 'offline_access', `${clientId}/.default`];
}

/** Joins a base URL and a callback path as the components do. */
export function callbackUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
