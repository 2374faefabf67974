import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { DeploymentRecord } from './RequestStore';

export const DEPLOYMENTS = 'camunda_entra_deployments';

type Timestamp = Date | string | number;

export interface DeploymentRow {
  tenant_id: string;
  deployment: string;
  owner: string | null;
  entity_ref: string | null;
  namespace: string;
  request_id: string;
  /** SQLite hands back 0 or 1. */
  registered: boolean | number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Takes the name for the request inside the transaction that stores it. The primary key
 * decides between concurrent requests: the insert of the later one does nothing (on PostgreSQL
 * after waiting for the earlier transaction to commit), and reading the row back names the
 * request that holds it.
 */
export async function reserveDeployment(
  tx: Knex.Transaction,
  reservation: Omit<DeploymentRecord, 'registered'>,
  now: Date,
): Promise<void> {
  const insert = tx<DeploymentRow>(DEPLOYMENTS)
    .insert({
      tenant_id: reservation.tenantId,
      deployment: reservation.deployment,
      owner: reservation.owner ?? null,
      entity_ref: reservation.entityRef?.toLowerCase() ?? null,
      namespace: reservation.namespace,
      request_id: reservation.requestId,
      registered: false,
      created_at: now,
      updated_at: now,
    })
    .onConflict(['tenant_id', 'deployment'])
    .ignore();
  await insert.catch(error => {
    // Only the entity's unique index is left to fail: it belongs to another deployment.
    if (/unique|duplicate/i.test(String(error?.message))) {
      throw new ConflictError(
        `${reservation.entityRef} belongs to another deployment name in this portal; one entity describes one deployment`,
      );
    }
    throw error;
  });
  const holder = await tx<DeploymentRow>(DEPLOYMENTS)
    .where({
      tenant_id: reservation.tenantId,
      deployment: reservation.deployment,
    })
    .first();
  if (holder && holder.request_id !== reservation.requestId) {
    throw heldByAnother(toDeploymentRecord(holder));
  }
}

/** The refusal of a request for a name another request holds. */
export function heldByAnother(holder: DeploymentRecord): ConflictError {
  return new ConflictError(
    `The deployment name ${holder.deployment} is ${
      holder.registered ? 'registered' : 'reserved'
    } in this tenant by request ${holder.requestId}${
      holder.owner ? ` for ${holder.owner}` : ''
    }; choose another name${
      holder.registered ? '' : ', or wait until that request is rejected'
    }`,
  );
}

/** Frees the name a request reserved, unless anything was registered under it. */
export async function releaseReservation(
  tx: Knex.Transaction,
  requestId: string,
): Promise<void> {
  await tx<DeploymentRow>(DEPLOYMENTS)
    .where({ request_id: requestId, registered: false })
    .delete();
}

export function toDeploymentRecord(row: DeploymentRow): DeploymentRecord {
  return {
    tenantId: row.tenant_id,
    deployment: row.deployment,
    ...(row.owner && { owner: row.owner }),
    ...(row.entity_ref && { entityRef: row.entity_ref }),
    namespace: row.namespace,
    requestId: row.request_id,
    registered: Boolean(row.registered),
  };
}
