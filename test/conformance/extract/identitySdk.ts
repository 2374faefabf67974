import { StepFailure } from '../failure';
import { WebSignIn } from './types';

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

/**
 * The login of a confidential web app built on the Identity SDK (Management Identity,
 * Optimize): the SDK's scopes, its secret in the form, no userinfo call; `settings` names each
 * rendered value, for the failure when one is missing.
 */
export function identitySdkWebSignIn(settings: {
  clientId: [string, string | undefined];
  issuer: [string, string | undefined];
  url: [string, string | undefined];
  callbackPath: string;
  clientSecret: string | undefined;
  audience: string | undefined;
}): WebSignIn {
  const [clientId, issuer, url] = [
    settings.clientId,
    settings.issuer,
    settings.url,
  ];
  const missing = [clientId, issuer, url].filter(([, value]) => !value);
  if (missing.length > 0) {
    throw new StepFailure(
      'configuration',
      `${missing.map(([name]) => name).join(', ')} not set`,
    );
  }
  return {
    flow: 'web',
    authority: { issuer: issuer[1]! },
    clientId: clientId[1]!,
    clientSecret: settings.clientSecret ?? '',
    clientAuthentication: 'client_secret_post',
    redirectUri: callbackUrl(url[1]!, settings.callbackPath),
    scopes: identitySdkScopes(clientId[1]!),
    audiences: [settings.audience ?? ''],
    userInfo: 'off',
  };
}
