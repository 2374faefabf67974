import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Counts requests where they settle (provisioned, failed or rejected), by kind and outcome.
 */
export class RequestOutcomes {
  static create(metrics: MetricsService): RequestOutcomes {
    return new RequestOutcomes(
      metrics.createCounter<{ kind: string; outcome: string }>(
        'camunda_entra_requests_total',
        { description: 'Requests settled, by kind and outcome' },
      ),
    );
  }

  private constructor(
    private readonly counter: ReturnType<MetricsService['createCounter']>,
  ) {}

  /** Counts `request` under its state, the outcome it settled in. */
  settled(request: Pick<CamundaEntraRequest, 'kind' | 'state'>): void {
    this.counter.add(1, { kind: request.kind, outcome: request.state });
  }
}
