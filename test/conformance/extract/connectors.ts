import { StepFailure } from '../failure';
import { RenderedChart } from '../rendered';
import { SpringConfig } from '../springConfig';
import { ClientCredentialsSignIn } from './types';

const AUTH = 'camunda.client.auth';

/**
 * Connectors' token for the Orchestration Cluster: Deployment `<release>-connectors`, Spring
 * Boot's `/config/application.yaml` with the Camunda Java client's `camunda.client.auth.*`.
 * Chart 13.x (8.8) renders the token endpoint (`token-url`), 14.x and later the issuer
 * (`issuer-url`, discovered).
 */
export function connectorsSignIn(
  chart: RenderedChart,
): ClientCredentialsSignIn | undefined {
  const container = chart.container(`${chart.release}-connectors`);
  if (!container) {
    return undefined;
  }
  const config = SpringConfig.load(container, '/config/application.yaml');
  const tokenUrl = config.get(`${AUTH}.token-url`);
  const issuer = config.get(`${AUTH}.issuer-url`);
  const clientId = config.get(`${AUTH}.client-id`);
  if ((!tokenUrl && !issuer) || !clientId) {
    throw new StepFailure(
      'configuration',
      `${AUTH}.client-id and .token-url or .issuer-url are not all set`,
    );
  }
  return {
    flow: 'client-credentials',
    authority: tokenUrl ? { tokenUrl } : { issuer: issuer! },
    clientId,
    clientSecret: config.get(`${AUTH}.client-secret`) ?? '',
    scope: config.get(`${AUTH}.scope`) ?? '',
  };
}
