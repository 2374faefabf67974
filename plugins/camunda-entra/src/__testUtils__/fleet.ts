import type {
  ExpiryTimeline,
  FleetDeployment,
} from '@camunda-entra/plugin-camunda-entra-common';

/** A healthy deployment with one secret ending in June 2027; override what a test needs. */
export function createFleetDeployment(
  overrides: Partial<FleetDeployment> = {},
): FleetDeployment {
  return {
    deployment: 'payments',
    entityRef: 'component:default/camunda-payments',
    owner: 'group:default/payments-team',
    chart: '8.8',
    namespace: 'payments-prod',
    environment: 'production',
    health: 'ok',
    driftCount: 0,
    nextExpiry: {
      client: 'orchestration',
      endDateTime: '2027-06-30T00:00:00.000Z',
      status: 'ok',
    },
    lastVerification: { verifiedAt: '2026-03-01T09:00:00.000Z', passed: true },
    openRequests: 0,
    checkedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** 26 weeks from 4 Jan 2027 without secrets, but those given by week index. */
export function createExpiryTimeline(
  counts: Record<number, Partial<ExpiryTimeline['weeks'][number]['counts']>>,
): ExpiryTimeline {
  const first = Date.parse('2027-01-04T00:00:00Z');
  return {
    weeks: Array.from({ length: 26 }, (_, i) => ({
      start: new Date(first + i * 7 * 86_400_000).toISOString().slice(0, 10),
      counts: { expired: 0, critical: 0, expiring: 0, ok: 0, ...counts[i] },
    })),
  };
}
