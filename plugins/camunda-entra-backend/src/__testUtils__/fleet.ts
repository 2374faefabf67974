import {
  ChartLine,
  EntraHealth,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { DEPLOYMENTS } from '../database/deploymentRecords';
import { FleetStatusStore } from '../database/FleetStatusStore';

export const FLEET_TENANT = '6f1c2f43-0000-4000-8000-0000000000f1';

/** A registered deployment as the fleet cache holds it, for tests and the benchmark. */
export interface SeededDeployment {
  deployment: string;
  tenantId?: string;
  owner?: string;
  entityRef?: string;
  chart?: ChartLine;
  namespace?: string;
  environment?: string;
  /** Absent: never checked (unknown). */
  health?: EntraHealth;
  driftCount?: number;
  secrets?: Array<{ client: string; keyId?: string; endDateTime: string }>;
}

/**
 * Registers each deployment (its camunda_entra_deployments record, as provisioning leaves it)
 * and records it in the fleet cache, checked when it has a health.
 */
export async function seedFleet(
  knex: Knex,
  fleet: FleetStatusStore,
  deployments: SeededDeployment[],
): Promise<void> {
  const now = new Date();
  for (const seeded of deployments) {
    const tenantId = seeded.tenantId ?? FLEET_TENANT;
    const namespace = seeded.namespace ?? `${seeded.deployment}-camunda`;
    await knex(DEPLOYMENTS).insert({
      tenant_id: tenantId,
      deployment: seeded.deployment,
      owner: seeded.owner ?? null,
      entity_ref: seeded.entityRef?.toLowerCase() ?? null,
      namespace,
      request_id: randomUUID(),
      registered: true,
      created_at: now,
      updated_at: now,
    });
    const entry = {
      tenantId,
      deployment: seeded.deployment,
      ...(seeded.entityRef && { entityRef: seeded.entityRef }),
      chart: seeded.chart ?? '8.8',
      namespace,
      ...(seeded.environment && { environment: seeded.environment }),
    };
    if (!seeded.health) {
      await fleet.record(entry);
      continue;
    }
    const clients = [
      ...new Set([
        'orchestration',
        ...(seeded.secrets ?? []).map(s => s.client),
      ]),
    ];
    await fleet.record(entry, {
      health: seeded.health,
      checkedAt: now.toISOString(),
      components: clients.map((client, index) => ({
        client,
        // The drift is the first client's.
        drift: Array.from(
          { length: index === 0 ? seeded.driftCount ?? 0 : 0 },
          (_, i) => ({ property: `p${i}`, actual: 'a', expected: 'e' }),
        ),
        secrets: (seeded.secrets ?? [])
          .filter(secret => secret.client === client)
          .map(secret => ({
            keyId: secret.keyId ?? randomUUID(),
            endDateTime: secret.endDateTime,
            daysLeft: 0,
            status: 'ok' as const,
          })),
      })),
    });
  }
}
