import { StepFailure } from '../failure';
import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { callbackUrl, identitySdkScopes } from './identitySdk';
import { WebSignIn } from './types';

/**
 * Management Identity: Deployment `<release>-identity`, Spring Boot's
 * `/app/config/application.yaml` (the same keys on every line). Its redirect URI is its own
 * URL (`identity.url`) with `/auth/login-callback`; it reads no userinfo.
 */
export function identitySignIn(chart: RenderedChart): WebSignIn | undefined {
  const container = chart.container(`${chart.release}-identity`);
  if (!container) {
    return undefined;
  }
  const config = SpringConfig.load(container, '/app/config/application.yaml');
  const clientId = config.get('camunda.identity.client-id');
  const issuer = config.get('camunda.identity.issuer');
  const url = config.get('identity.url');
  if (!clientId || !issuer || !url) {
    throw new StepFailure(
      'configuration',
      'camunda.identity.client-id, camunda.identity.issuer and identity.url are not all set',
    );
  }
  return {
    flow: 'web',
    authority: { issuer },
    clientId,
    clientSecret: config.get('camunda.identity.client-secret') ?? '',
    // The Identity SDK sends the secret in the form.
    clientAuthentication: 'client_secret_post',
    redirectUri: callbackUrl(url, '/auth/login-callback'),
    scopes: identitySdkScopes(clientId),
    audiences: [config.get('camunda.identity.audience') ?? ''],
    userInfo: 'off',
  };
}
