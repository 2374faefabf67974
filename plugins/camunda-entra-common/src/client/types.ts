import type {
  CamundaEntraRequest,
  RequestKind,
  RequestState,
} from '../requests/types';
import type { ExpiryTimeline, FleetPage, FleetQuery } from '../fleet/types';
import type { ChartLine } from '../spec';
import type { DeploymentEntraStatus } from '../status/types';
import type { SignInVerification } from '../verification';

/**
 * Options every {@link CamundaEntraApi} call accepts.
 *
 * @public
 */
export interface CamundaEntraRequestOptions {
  /** A Backstage token to send instead of the one the fetch API adds (e.g. a plugin-to-plugin token). */
  token?: string;
}

/**
 * Filter of {@link CamundaEntraApi.listRequests}.
 *
 * @public
 */
export interface ListRequestsFilter {
  /** Only requests in this state. */
  state?: RequestState;
  /** Only requests of this kind. */
  kind?: RequestKind;
}

/**
 * Body of {@link CamundaEntraApi.createRequest}.
 *
 * @public
 */
export interface CreateRequestInput {
  /** A deployment spec; the backend validates it and answers 400 listing every problem. */
  spec: Record<string, unknown>;
  /** Catalog entity the deployment is (or will be) registered as. */
  entityRef?: string;
  /** Deployment environment, e.g. development; recorded with the request, never matched by auto-approval. */
  environment?: string;
  /**
   * For a name not provisioned yet: the group or user to record as the deployment's owner when
   * its catalog entity does not exist yet; one the requester is a member of. Default: the requester.
   */
  owner?: string;
  /**
   * `provision` (the default) registers the deployment's applications; `adopt` records
   * applications registered by hand, named by client ID under the spec's `clients`, without
   * changing them. The other kinds have calls of their own.
   */
  kind?: 'provision' | 'adopt';
}

/**
 * Body of {@link CamundaEntraApi.requestSecretRotation}.
 *
 * @public
 */
export interface RequestSecretRotationInput {
  /** The deployment's catalog entity. */
  entityRef: string;
  /** Client key whose secret is rotated, e.g. optimize. */
  client: string;
}

/**
 * Body of {@link CamundaEntraApi.requestRepair}.
 *
 * @public
 */
export interface RequestRepairInput {
  /** The deployment's catalog entity, whose drifted applications are registered again. */
  entityRef: string;
}

/**
 * Body of {@link CamundaEntraApi.requestUpgrade}.
 *
 * @public
 */
export interface RequestUpgradeInput {
  /** The deployment's catalog entity. */
  entityRef: string;
  /** The next chart line, e.g. 8.9; one line at a time. */
  chart: ChartLine;
  /**
   * What the target line needs that the deployment's spec cannot say: on 8.10 `databases`
   * (identity, camundaHub: host, port, database, username, password) and `secondaryStorage`,
   * optionally `camundaHub` (its e-mail sender). A missing one is refused naming the field.
   */
  with?: Record<string, unknown>;
}

/**
 * Body of {@link CamundaEntraApi.requestTransfer}.
 *
 * @public
 */
export interface RequestTransferInput {
  /** The deployment's catalog entity. */
  entityRef: string;
  /** Entity ref of the group or user to own the deployment once approved. */
  owner: string;
}

/**
 * An application whose display name matched {@link CamundaEntraApi.findAdoptionCandidates}.
 *
 * @public
 */
export interface AdoptionCandidate {
  /** Its client ID, what an adoption's spec names under `clients`. */
  appId: string;
  /** Its display name in the tenant. */
  displayName: string;
  /** The platform its redirect URIs are registered for; `none` without any. */
  platform: 'web' | 'spa' | 'none';
  /**
   * The deployment it belongs to already (tagged for it, or recorded by this portal); absent
   * when it may be adopted.
   */
  deployment?: string;
}

/**
 * The camunda-entra backend's REST API.
 *
 * @public
 */
export interface CamundaEntraApi {
  /** Requests matching the filter, newest first. */
  listRequests(
    filter?: ListRequestsFilter,
    options?: CamundaEntraRequestOptions,
  ): Promise<{ items: CamundaEntraRequest[] }>;
  /** One request; rejects with a NotFoundError-shaped ResponseError when it does not exist. */
  getRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /** Asks to provision a deployment; it waits for approval unless auto-approval applies. */
  createRequest(
    input: CreateRequestInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /** Approves a pending request, for approvers; the backend then carries it out. */
  approveRequest(
    id: string,
    input?: { comment?: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /** Rejects a pending request, for approvers; the comment says why. */
  rejectRequest(
    id: string,
    input: { comment: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /** Moves a failed request back to approved so provisioning runs again. */
  retryRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /** Asks for a client secret rotation; it waits for approval like any request. */
  requestSecretRotation(
    input: RequestSecretRotationInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /**
   * Asks to undo the drift of a deployment's applications (redirect URIs, token version,
   * claims); it waits for approval like a rotation and never touches secrets.
   */
  requestRepair(
    input: RequestRepairInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /**
   * Asks to upgrade a deployment to the next Camunda line; for its owner or an approver, and
   * decided by an approver (never auto-approved). Approval registers what the new line needs;
   * {@link CamundaEntraApi.finishUpgrade} removes what only the old line used.
   */
  requestUpgrade(
    input: RequestUpgradeInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /**
   * Finishes a provisioned upgrade once the new line runs: deletes the applications and redirect
   * URIs only the old line used. For the deployment's owner or an approver; again changes nothing.
   */
  finishUpgrade(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /**
   * Asks to move a deployment to another owner, which then holds its status and rotation rights;
   * for its current owner or an approver, and it waits for approval like any request.
   */
  requestTransfer(
    input: RequestTransferInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest>;
  /**
   * The Entra state of a deployment's catalog entity; only for callers who may read the entity.
   */
  getEntityStatus(
    entityRef: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<DeploymentEntraStatus>;
  /**
   * Checks now, changing nothing, that the deployment's clients sign in as configured, and
   * returns the result, which the status then carries as its last verification. For callers
   * who may read the entity's Entra state; rejects with a 409 while one runs.
   */
  verifySignIn(
    entityRef: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<SignInVerification>;
  /**
   * The fleet view: the deployments the caller may see (approvers all, others those their
   * groups own), filtered, sorted and paged by the backend from its status cache. Query string:
   * `health` (comma-separated), `owner`, `expiringWithinDays`, `expiringFrom` and `expiringTo`,
   * `search`, `sort`, `order`, `limit`, `cursor`.
   */
  listDeployments(
    query?: FleetQuery,
    options?: CamundaEntraRequestOptions,
  ): Promise<FleetPage>;
  /** The secrets of the deployments the caller may see that end in each of the next 26 weeks. */
  getExpiryTimeline(
    options?: CamundaEntraRequestOptions,
  ): Promise<ExpiryTimeline>;
  /**
   * The applications in the portal's tenant whose display name starts with `displayName`
   * (case-insensitive, at most 50), for finding the client IDs of a deployment registered by
   * hand before adopting it; for signed-in users.
   */
  findAdoptionCandidates(
    input: { displayName: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<{ items: AdoptionCandidate[] }>;
}
