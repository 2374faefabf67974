import { StepFailure } from '../failure';
import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { callbackUrl, identitySdkScopes } from './identitySdk';
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
  const clientId = config.get('camunda.identity.client-id');
  const issuer = config.get('camunda.identity.issuer');
  const url = environment?.security?.auth?.ccsm?.redirectRootUrl;
  if (!clientId || !issuer || !url) {
    throw new StepFailure(
      'configuration',
      'camunda.identity.clientId, camunda.identity.issuer and security.auth.ccsm.redirectRootUrl are not all set',
    );
  }
  return {
    flow: 'web',
    authority: { issuer },
    clientId,
    clientSecret: container.env('CAMUNDA_IDENTITY_CLIENT_SECRET') ?? '',
    // The Identity SDK sends the secret in the form.
    clientAuthentication: 'client_secret_post',
    redirectUri: callbackUrl(String(url), '/api/authentication/callback'),
    scopes: identitySdkScopes(clientId),
    audiences: [config.get('camunda.identity.audience') ?? ''],
    userInfo: 'off',
  };
}
