import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { GraphResponseListener } from '../directory';

/**
 * Counts the directory's Graph answers for alerting on throttling: every attempt, so a burst of
 * 429s that retries absorbed still shows.
 */
export function countGraphResponses(
  metrics: MetricsService,
): GraphResponseListener {
  const requests = metrics.createCounter('camunda_entra_graph_requests_total', {
    description: 'Answers from Microsoft Graph to the portal, retries included',
  });
  const throttled = metrics.createCounter(
    'camunda_entra_graph_throttled_total',
    { description: 'Throttling answers (429) from Microsoft Graph' },
  );
  return ({ status }) => {
    requests.add(1);
    if (status === 429) {
      throttled.add(1);
    }
  };
}
