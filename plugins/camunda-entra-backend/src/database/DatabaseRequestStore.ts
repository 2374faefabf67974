import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  RequestKind,
  RequestPlan,
  RequestSecretReference,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';
import { Knex } from 'knex';
import { deploymentColumns } from './deploymentColumns';
import { migratedClient } from './migratedClient';
import { parseStoredSpec, specOf } from './storedSpec';
import {
  DEPLOYMENTS,
  DeploymentRow,
  releaseReservation,
  reserveDeployment,
  toDeploymentRecord,
} from './deploymentRecords';
import {
  DeploymentFilter,
  DeploymentRecord,
  NewRequest,
  NewRequestEvent,
  REGISTRATION_KINDS,
  RequestStore,
  RequestTransition,
  StoredRequest,
} from './RequestStore';
import { LeaseTerms, RowLeases } from './RowLeases';

const REQUESTS = 'camunda_entra_requests';
const EVENTS = 'camunda_entra_request_events';

type Timestamp = Date | string | number;

interface RequestRow {
  id: string;
  kind: string;
  state: string;
  spec: string;
  plan: string;
  requester: string;
  entity_ref: string | null;
  client: string | null;
  environment: string | null;
  deployment: string | null;
  /** Lower-cased. */
  tenant_id: string | null;
  clients: string;
  object_ids: string;
  secrets: string | null;
  secret_location: string | null;
  failure_reason: string | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface EventRow {
  id: number;
  request_id: string;
  state: string;
  actor: string;
  comment: string | null;
  at: Timestamp;
}

/**
 * Requests in the plugin's database (SQLite or PostgreSQL), migrated on creation.
 */
export class DatabaseRequestStore implements RequestStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRequestStore> {
    return new DatabaseRequestStore(await migratedClient(options.database));
  }

  private readonly leases: RowLeases<{ id: string }>;

  private constructor(private readonly db: Knex) {
    this.leases = RowLeases.create({ db, table: REQUESTS, keyColumns: ['id'] });
  }

  async create(request: NewRequest): Promise<StoredRequest> {
    const { id } = request;
    const now = new Date();
    const state = request.events[request.events.length - 1].state;
    await this.db.transaction(async tx => {
      await tx<RequestRow>(REQUESTS).insert({
        id,
        kind: request.kind,
        state,
        spec: JSON.stringify(request.spec),
        plan: JSON.stringify(request.plan),
        requester: request.requester,
        entity_ref: request.entityRef ?? null,
        client: request.client ?? null,
        environment: request.environment ?? null,
        ...deploymentColumns(request.spec),
        clients: '{}',
        object_ids: '{}',
        secrets: null,
        secret_location: null,
        failure_reason: null,
        lease_owner: null,
        lease_expires_at: null,
        created_at: now,
        updated_at: now,
      });
      for (const event of request.events) {
        await insertEvent(tx, id, event, now);
      }
      if (request.reserve) {
        await reserveDeployment(
          tx,
          reservationOf(id, request, request.reserve.owner),
          now,
        );
      }
    });
    return this.getExisting(id);
  }

  async get(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db<RequestRow>(REQUESTS).where({ id }).first();
    if (!row) {
      return undefined;
    }
    const [request] = await this.withHistory([row]);
    return request;
  }

  async list(filter: {
    state?: RequestState;
    kind?: RequestKind;
    deployment?: DeploymentFilter;
  }): Promise<StoredRequest[]> {
    const query = this.db<RequestRow>(REQUESTS)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc');
    if (filter.state) {
      query.where('state', filter.state);
    }
    if (filter.kind) {
      query.where('kind', filter.kind);
    }
    if (filter.deployment) {
      whereDeployment(query, filter.deployment);
    }
    return this.withHistory(await query);
  }

  async findProvisioned(
    deployment: DeploymentFilter,
  ): Promise<StoredRequest | undefined> {
    const query = this.db<RequestRow>(REQUESTS)
      .whereIn('kind', REGISTRATION_KINDS)
      .where('state', 'provisioned')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    whereDeployment(query, deployment);
    const row = await query;
    return row && (await this.withHistory([row]))[0];
  }

  async claimWork(terms: LeaseTerms, limit: number): Promise<string[]> {
    const claimed = await this.leases.claim<RequestRow>(
      query =>
        query
          .whereIn('state', ['approved', 'provisioning'])
          .orderBy('created_at', 'asc'),
      terms,
      limit,
    );
    return claimed.map(row => row.id);
  }

  async renewLease(id: string, terms: LeaseTerms): Promise<boolean> {
    return this.leases.renew({ id }, terms);
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.leases.release({ id }, owner);
  }

  async transition(
    id: string,
    transition: RequestTransition,
  ): Promise<StoredRequest> {
    await this.db.transaction(async tx => {
      const row = await tx<RequestRow>(REQUESTS)
        .where({ id })
        .first('state', 'lease_owner', 'spec', 'entity_ref');
      if (!row) {
        throw new NotFoundError(`No request ${id}`);
      }
      assertLeaseHeld(id, row, transition.leaseOwner);
      if (!transition.from.includes(row.state as RequestState)) {
        throw new ConflictError(
          `Request ${id} is ${row.state}; this needs it ${transition.from.join(
            ' or ',
          )}`,
        );
      }
      const now = new Date();
      // Guarding on the state read above makes concurrent transitions lose with a conflict
      // instead of both succeeding.
      const updated = await tx<RequestRow>(REQUESTS)
        .where({ id, state: row.state })
        .modify(leaseGuard(transition.leaseOwner))
        .update({
          state: transition.to,
          failure_reason: transition.failureReason ?? null,
          updated_at: now,
        });
      if (updated !== 1) {
        throw new ConflictError(`Request ${id} changed concurrently`);
      }
      if (transition.to === 'rejected' || transition.to === 'failed') {
        await releaseReservation(tx, id);
      }
      if (transition.reserve) {
        await reserveDeployment(
          tx,
          reservationOf(
            id,
            {
              spec: specOf({ id, ...parseStoredSpec(row.spec) }),
              entityRef: row.entity_ref ?? undefined,
            },
            transition.reserve.owner,
          ),
          now,
        );
      }
      await insertEvent(
        tx,
        id,
        {
          state: transition.to,
          actor: transition.actor,
          comment: transition.comment,
        },
        now,
      );
    });
    return this.getExisting(id);
  }

  async getDeployment(deployment: {
    name: string;
    tenantId: string;
  }): Promise<DeploymentRecord | undefined> {
    const row = await this.db<DeploymentRow>(DEPLOYMENTS)
      .where({
        tenant_id: deployment.tenantId.toLowerCase(),
        deployment: deployment.name,
      })
      .first();
    return row && toDeploymentRecord(row);
  }

  async getDeploymentOfEntity(
    entityRef: string,
  ): Promise<DeploymentRecord | undefined> {
    const row = await this.db<DeploymentRow>(DEPLOYMENTS)
      .where({ entity_ref: entityRef.toLowerCase() })
      .first();
    return row && toDeploymentRecord(row);
  }

  async beginRegistration(requestId: string): Promise<void> {
    const request = await this.getExisting(requestId);
    const { deployment, tenant_id } = deploymentColumns(specOf(request));
    const updated = await this.db<DeploymentRow>(DEPLOYMENTS)
      .where({ tenant_id, deployment })
      .where(query =>
        query.where({ request_id: requestId }).orWhere({ registered: true }),
      )
      .update({ registered: true, updated_at: new Date() });
    if (updated !== 1) {
      throw new ConflictError(
        `Request ${requestId} holds no reservation of the deployment name ${deployment}; nothing was registered`,
      );
    }
  }

  async transferOwnership(
    deployment: { name: string; tenantId: string },
    change: { from?: string; to: string },
  ): Promise<void> {
    const key = {
      tenant_id: deployment.tenantId.toLowerCase(),
      deployment: deployment.name,
    };
    const updated = await this.db<DeploymentRow>(DEPLOYMENTS)
      .where(key)
      .where(query =>
        change.from
          ? query.whereRaw('lower(owner) = ?', [change.from.toLowerCase()])
          : query.whereNull('owner'),
      )
      .update({ owner: change.to, updated_at: new Date() });
    if (updated === 1) {
      return;
    }
    const current = await this.getDeployment(deployment);
    if (current?.owner?.toLowerCase() !== change.to.toLowerCase()) {
      throw new ConflictError(
        `The deployment ${deployment.name} is owned by ${
          current?.owner ?? 'nobody recorded'
        } now, not ${change.from ?? 'nobody recorded'}; ask for a new transfer`,
      );
    }
  }

  async addEvent(
    id: string,
    event: Omit<NewRequestEvent, 'state'>,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const row = await tx<RequestRow>(REQUESTS).where({ id }).first('state');
      if (!row) {
        throw new NotFoundError(`No request ${id}`);
      }
      await insertEvent(
        tx,
        id,
        { ...event, state: row.state as RequestState },
        new Date(),
      );
    });
  }

  async recordApplications(
    id: string,
    applications: {
      clients: Record<string, string>;
      objectIds: Record<string, string>;
      leaseOwner?: string;
    },
  ): Promise<void> {
    await this.update(id, applications.leaseOwner, {
      clients: JSON.stringify(applications.clients),
      object_ids: JSON.stringify(applications.objectIds),
    });
  }

  async recordPlan(id: string, plan: RequestPlan): Promise<void> {
    await this.update(id, undefined, { plan: JSON.stringify(plan) });
  }

  async recordSecrets(
    id: string,
    delivery: {
      secrets: Record<string, RequestSecretReference>;
      location: string;
      leaseOwner?: string;
    },
  ): Promise<void> {
    await this.update(id, delivery.leaseOwner, {
      secrets: JSON.stringify(delivery.secrets),
      secret_location: delivery.location,
    });
  }

  private async update(
    id: string,
    leaseOwner: string | undefined,
    values: Partial<RequestRow>,
  ) {
    const updated = await this.db<RequestRow>(REQUESTS)
      .where({ id })
      .modify(leaseGuard(leaseOwner))
      .update({ ...values, updated_at: new Date() });
    if (updated !== 1) {
      const row = await this.db<RequestRow>(REQUESTS)
        .where({ id })
        .first('lease_owner');
      if (!row) {
        throw new NotFoundError(`No request ${id}`);
      }
      assertLeaseHeld(id, row, leaseOwner);
    }
  }

  private async getExisting(id: string): Promise<StoredRequest> {
    const request = await this.get(id);
    if (!request) {
      throw new NotFoundError(`No request ${id}`);
    }
    return request;
  }

  private async withHistory(rows: RequestRow[]): Promise<StoredRequest[]> {
    if (rows.length === 0) {
      return [];
    }
    const events = await this.db<EventRow>(EVENTS)
      .whereIn(
        'request_id',
        rows.map(row => row.id),
      )
      .orderBy('id', 'asc');
    const history = new Map<string, EventRow[]>();
    for (const event of events) {
      history.set(event.request_id, [
        ...(history.get(event.request_id) ?? []),
        event,
      ]);
    }
    return rows.map(row => toRequest(row, history.get(row.id) ?? []));
  }
}

/** Matches the request only while `owner` holds its lease; anything without an owner. */
function leaseGuard(owner: string | undefined) {
  return (query: Knex.QueryBuilder) => {
    if (owner) {
      query.where('lease_owner', owner);
    }
  };
}

/** A replica that lost its lease must not move the request on; the new owner does that. */
function assertLeaseHeld(
  id: string,
  row: Pick<RequestRow, 'lease_owner'>,
  owner: string | undefined,
) {
  if (owner && row.lease_owner !== owner) {
    throw new ConflictError(
      `Request ${id} is no longer leased to this instance; another one has taken it over`,
    );
  }
}

/** Requests of one deployment: by name and, when given, tenant ID (case-insensitive). */
function whereDeployment(
  query: Knex.QueryBuilder,
  deployment: DeploymentFilter,
) {
  query.where('deployment', deployment.name);
  if (deployment.tenantId) {
    query.where('tenant_id', deployment.tenantId.toLowerCase());
  }
}

/** The reservation of the request's deployment name, by its spec's name and tenant. */
function reservationOf(
  id: string,
  request: Pick<NewRequest, 'spec' | 'entityRef'>,
  owner: string,
) {
  const { deployment, tenant_id } = deploymentColumns(request.spec);
  return {
    tenantId: tenant_id,
    deployment,
    owner,
    entityRef: request.entityRef,
    namespace: request.spec.namespace,
    requestId: id,
  };
}

async function insertEvent(
  tx: Knex.Transaction,
  requestId: string,
  event: NewRequestEvent,
  at: Date,
) {
  await tx<EventRow>(EVENTS).insert({
    request_id: requestId,
    state: event.state,
    actor: event.actor,
    comment: event.comment ?? null,
    at,
  });
}

function toRequest(row: RequestRow, events: EventRow[]): StoredRequest {
  return {
    id: row.id,
    kind: row.kind as RequestKind,
    state: row.state as RequestState,
    ...parseStoredSpec(row.spec),
    plan: JSON.parse(row.plan),
    requester: row.requester,
    ...(row.entity_ref && { entityRef: row.entity_ref }),
    ...(row.client && { client: row.client }),
    ...(row.environment && { environment: row.environment }),
    clients: JSON.parse(row.clients),
    objectIds: JSON.parse(row.object_ids),
    ...(row.secrets && { secrets: JSON.parse(row.secrets) }),
    ...(row.secret_location && { secretLocation: row.secret_location }),
    ...(row.failure_reason && { failureReason: row.failure_reason }),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    history: events.map(event => ({
      state: event.state as RequestState,
      actor: event.actor,
      at: toIso(event.at),
      ...(event.comment && { comment: event.comment }),
    })),
  };
}

// SQLite hands back epoch milliseconds, PostgreSQL a Date.
function toIso(value: Timestamp): string {
  return new Date(value).toISOString();
}
