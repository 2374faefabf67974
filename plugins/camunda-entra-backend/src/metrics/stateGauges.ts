import { LoggerService } from '@backstage/backend-plugin-api';
import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { WatchedState } from './WatchedState';

/** Every value a deployment's health can have in the fleet status cache. */
const HEALTH_VALUES = ['ok', 'warning', 'error', 'unknown'] as const;

/**
 * Exports the watched state as gauges read at each scrape: each secret's end date, and each
 * deployment's health as one series per value, 1 for the current one and 0 for the others (so
 * a change of health never leaves a stale 1 behind, and `== 1` selects the current value).
 */
export function observeWatchedState(options: {
  metrics: MetricsService;
  state: WatchedState;
  logger: LoggerService;
}): void {
  const { metrics, state, logger } = options;
  // No unit: the OpenTelemetry Prometheus exporter would append it to the name.
  metrics
    .createObservableGauge(
      'camunda_entra_client_secret_expiry_timestamp_seconds',
      {
        description:
          'End date (Unix seconds) of each client secret the portal watches',
      },
    )
    .addCallback(async result => {
      try {
        for (const secret of await state.listWatchedSecrets()) {
          result.observe(Date.parse(secret.endDateTime) / 1000, {
            deployment: secret.deployment,
            client: secret.client,
            key_id: secret.keyId,
          });
        }
      } catch (error) {
        logger.warn(`Secret expiry metrics could not be read: ${error}`);
      }
    });
  metrics
    .createObservableGauge('camunda_entra_deployment_health', {
      description:
        "1 for each deployment's current health (ok, warning, error or unknown), 0 for the others",
    })
    .addCallback(async result => {
      try {
        for (const { deployment, health } of await state.listHealth()) {
          for (const value of HEALTH_VALUES) {
            result.observe(value === health ? 1 : 0, {
              deployment,
              health: value,
            });
          }
        }
      } catch (error) {
        logger.warn(`Deployment health metrics could not be read: ${error}`);
      }
    });
}
