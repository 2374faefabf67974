import {
  CamundaEntraRequest,
  DeploymentSpec,
  RequestKind,
  RequestPlan,
  RequestSecretReference,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';
import type { LeaseTerms } from './RowLeases';

/**
 * A request as stored: the REST shape, its spec typed (see RequestSpec), plus the Entra object
 * IDs provisioning needs to find the applications again.
 */
export type StoredRequest = CamundaEntraRequest & {
  objectIds: Record<string, string>;
};

/**
 * One entry to append to a request's audit trail.
 */
export interface NewRequestEvent {
  state: RequestState;
  actor: string;
  comment?: string;
}

/**
 * A deployment name in a tenant as this portal recorded it: reserved by the first request made
 * for it, registered once provisioning writes to the directory, with the owner recorded with
 * the registration.
 */
export interface DeploymentRecord {
  /** Lower-cased. */
  tenantId: string;
  deployment: string;
  /** Entity ref of the owning group or user; absent for registrations recorded before owners were. */
  owner?: string;
  /** Lower-cased; an entity belongs to one deployment name at most. */
  entityRef?: string;
  namespace: string;
  /** The request that reserved the name. */
  requestId: string;
  /** Whether applications may exist in the directory; a registered name is never released. */
  registered: boolean;
}

/**
 * What creating a request stores. Its state is that of the last initial event.
 */
export interface NewRequest {
  /** Chosen by the caller so the plan can name per-request destinations. */
  id: string;
  kind: RequestKind;
  /** Validated and normalised: what the request is read back as. */
  spec: DeploymentSpec;
  plan: RequestPlan;
  requester: string;
  entityRef?: string;
  environment?: string;
  client?: string;
  events: NewRequestEvent[];
  /**
   * Reserves the spec's deployment name in its tenant for this request, with the owner to
   * record, in the same transaction; a ConflictError naming the holder when another request
   * holds it.
   */
  reserve?: { owner: string };
}

/** The kinds of request whose provisioning is a deployment's registration. */
export const REGISTRATION_KINDS: RequestKind[] = [
  'provision',
  'adopt',
  'upgrade',
];

/**
 * A state change; fails with a ConflictError unless the request is in one of `from`.
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
  /** Reserves the request's deployment name again (a retry), as {@link NewRequest.reserve}. */
  reserve?: { owner: string };
}

/**
 * A deployment's requests: matched by their spec's name and, when given, tenant ID
 * (case-insensitive).
 */
export interface DeploymentFilter {
  name: string;
  tenantId?: string;
}

/**
 * Persistence of requests. Audit entries are only ever appended.
 */
export interface RequestStore {
  create(request: NewRequest): Promise<StoredRequest>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** Newest first. */
  list(filter: {
    state?: RequestState;
    kind?: RequestKind;
    deployment?: DeploymentFilter;
  }): Promise<StoredRequest[]>;
  /**
   * The newest provisioned registration of a deployment: of kind `provision`, `adopt` for
   * applications registered by hand, or `upgrade` once an upgrade is applied.
   */
  findProvisioned(
    deployment: DeploymentFilter,
  ): Promise<StoredRequest | undefined>;
  /**
   * Leases up to `limit` requests that are `approved` or `provisioning` and whose lease is
   * free or expired, oldest first; returns their IDs.
   */
  claimWork(terms: LeaseTerms, limit: number): Promise<string[]>;
  /** False when the lease was lost to another instance. */
  renewLease(id: string, terms: LeaseTerms): Promise<boolean>;
  releaseLease(id: string, owner: string): Promise<void>;
  /**
   * Moves the request on. A request that becomes `rejected` or `failed` releases the name it
   * reserved unless anything was registered for it, in the same transaction.
   */
  transition(id: string, transition: RequestTransition): Promise<StoredRequest>;
  /** The record of a deployment name in a tenant (case-insensitive), reserved or registered. */
  getDeployment(deployment: {
    name: string;
    tenantId: string;
  }): Promise<DeploymentRecord | undefined>;
  /** The deployment recorded for a catalog entity (case-insensitive). */
  getDeploymentOfEntity(
    entityRef: string,
  ): Promise<DeploymentRecord | undefined>;
  /**
   * Marks the request's deployment registered before anything is written to the directory;
   * a ConflictError unless the request holds the reservation or the name is registered.
   */
  beginRegistration(requestId: string): Promise<void>;
  /**
   * Records `to` as the owner of a deployment owned by `from` (absent: no recorded owner); a
   * ConflictError when it is owned by anyone else meanwhile. Done when it already is `to`'s.
   */
  transferOwnership(
    deployment: { name: string; tenantId: string },
    change: { from?: string; to: string },
  ): Promise<void>;
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
  /**
   * Replaces the request's plan; only for what happens to a plan after approval, such as an
   * upgrade's finish (the plan's pending removals are done).
   */
  recordPlan(id: string, plan: RequestPlan): Promise<void>;
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
