import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { identitySdkWebSignIn } from './identitySdk';
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
  const setting = (path: string): [string, string | undefined] => [
    path,
    config.get(path),
  ];
  return identitySdkWebSignIn({
    clientId: setting('camunda.identity.client-id'),
    issuer: setting('camunda.identity.issuer'),
    url: setting('identity.url'),
    callbackPath: '/auth/login-callback',
    clientSecret: config.get('camunda.identity.client-secret'),
    audience: config.get('camunda.identity.audience'),
  });
}
