import {
  CamundaEntraRequest,
  RequestKind,
  RequestPlan,
  RequestSecretReference,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';
import type { LeaseTerms } from './RowLeases';

/**
 * A request as stored: the REST shape plus the Entra object IDs provisioning needs to find
 * the applications again.
 *
 * @public
 */
export interface StoredRequest extends CamundaEntraRequest {
  objectIds: Record<string, string>;
}

/**
 * One entry to append to a request's audit trail.
 *
 * @public
 */
export interface NewRequestEvent {
  state: RequestState;
  actor: string;
  comment?: string;
}

/**
 * What creating a request stores. Its state is that of the last initial event.
 *
 * @public
 */
export interface NewRequest {
  /** Chosen by the caller so the plan can name per-request destinations. */
  id: string;
  kind: RequestKind;
  spec: Record<string, unknown>;
  plan: RequestPlan;
  requester: string;
  entityRef?: string;
  environment?: string;
  client?: string;
  events: NewRequestEvent[];
}

/**
 * A state change; fails with a ConflictError unless the request is in one of `from`.
 *
 * @public
 */
export interface RequestTransition {
  from: RequestState[];
  to: RequestState;
  actor: string;
  comment?: string;
  /** Set with `failed`; cleared by any other transition. */
  failureReason?: string;
  /** When set, the transition also fails with a ConflictError unless this owner holds the lease. */
  leaseOwner?: string;
}

/**
 * Persistence of requests. Audit entries are only ever appended.
 *
 * @public
 */
export interface RequestStore {
  create(request: NewRequest): Promise<StoredRequest>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** Newest first. */
  list(filter: {
    state?: RequestState;
    kind?: RequestKind;
  }): Promise<StoredRequest[]>;
  /**
   * The newest provisioned registration (kind `provision`) of a deployment: matched by its
   * spec's name and, when given, tenant ID (case-insensitive).
   */
  findProvisioned(deployment: {
    name: string;
    tenantId?: string;
  }): Promise<StoredRequest | undefined>;
  /**
   * Leases up to `limit` requests that are `approved` or `provisioning` and whose lease is
   * free or expired, oldest first; returns their IDs.
   */
  claimWork(terms: LeaseTerms, limit: number): Promise<string[]>;
  /** False when the lease was lost to another instance. */
  renewLease(id: string, terms: LeaseTerms): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
  transition(id: string, transition: RequestTransition): Promise<StoredRequest>;
  /** Appends an audit entry that does not change the state (e.g. provisioning progress). */
  addEvent(id: string, event: Omit<NewRequestEvent, 'state'>): Promise<void>;
  /** With `leaseOwner`, fails with a ConflictError unless that owner holds the lease. */
  recordApplications(
    id: string,
    applications: {
      clients: Record<string, string>;
      objectIds: Record<string, string>;
      leaseOwner?: string;
    },
  ): Promise<void>;
  /** With `leaseOwner`, fails with a ConflictError unless that owner holds the lease. */
  recordSecrets(
    id: string,
    delivery: {
      secrets: Record<string, RequestSecretReference>;
      location: string;
      leaseOwner?: string;
    },
  ): Promise<void>;
}
