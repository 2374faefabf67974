import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { identitySdkWebSignIn } from './identitySdk';
import { WebSignIn } from './types';

/**
 * Optimize: Deployment `<release>-optimize` with Spring profile `ccsm`, whose
 * `/optimize/config/application-ccsm.yaml` names client and audience and whose
 * `environment-config.yaml` its URL (`security.auth.ccsm.redirectRootUrl`, callback
 * `/api/authentication/callback`). The issuer also comes from the shared identity env
 * ConfigMap; the secret only from `CAMUNDA_IDENTITY_CLIENT_SECRET`, which Optimize's built-in
 * configuration reads.
 */
export function optimizeSignIn(chart: RenderedChart): WebSignIn | undefined {
  const container = chart.container(`${chart.release}-optimize`);
  if (!container) {
    return undefined;
  }
  const config = SpringConfig.load(
    container,
    '/optimize/config/application-ccsm.yaml',
  );
  const environment = container.yamlFile(
    '/optimize/config/environment-config.yaml',
  );
  const setting = (path: string): [string, string | undefined] => [
    path,
    config.get(path),
  ];
  const url = environment?.security?.auth?.ccsm?.redirectRootUrl;
  return identitySdkWebSignIn({
    clientId: setting('camunda.identity.clientId'),
    issuer: setting('camunda.identity.issuer'),
    url: [
      'security.auth.ccsm.redirectRootUrl',
      url === undefined ? undefined : String(url),
    ],
    callbackPath: '/api/authentication/callback',
    clientSecret: container.env('CAMUNDA_IDENTITY_CLIENT_SECRET'),
    audience: config.get('camunda.identity.audience'),
  });
}
