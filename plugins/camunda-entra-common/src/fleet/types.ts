import type { ChartLine } from '../spec/chartLines';
import type { EntraHealth, SecretExpiryStatus } from '../status/types';

/**
 * One deployment as the platform team's fleet view lists it, from the backend's status cache
 * (never a live directory read per row).
 *
 * @public
 */
export interface FleetDeployment {
  /** Deployment name, the key of its Entra applications. */
  deployment: string;
  /** The deployment's catalog entity. */
  entityRef?: string;
  /** The recorded owner (a group or user entity ref). */
  owner?: string;
  chart: ChartLine;
  namespace: string;
  /** Deployment environment the request named, e.g. production. */
  environment?: string;
  /** `unknown` until the status cache has checked the deployment once. */
  health: EntraHealth | 'unknown';
  /** Properties of its applications that differ from what the portal registered. */
  driftCount: number;
  /** The secret that expires first (which client, when). */
  nextExpiry?: {
    client: string;
    endDateTime: string;
    status: SecretExpiryStatus;
  };
  /** The last sign-in verification, where there is one. */
  lastVerification?: { verifiedAt: string; passed: boolean };
  /** Requests for the deployment not settled yet (pending, approved, provisioning). */
  openRequests: number;
  /** When the status cache last checked the deployment (ISO 8601). */
  checkedAt?: string;
}

/**
 * Sort keys of the fleet view.
 *
 * @public
 */
export type FleetSortKey =
  | 'deployment'
  | 'owner'
  | 'chart'
  | 'health'
  | 'driftCount'
  | 'nextExpiry';

/**
 * What {@link CamundaEntraApi.listDeployments} returns, filtered, sorted and paged by the
 * backend: `GET /api/camunda-entra/deployments`.
 *
 * @public
 */
export interface FleetQuery {
  /** Only these health values. */
  health?: Array<EntraHealth | 'unknown'>;
  /** Only deployments of this owner (entity ref). */
  owner?: string;
  /** Only deployments with a secret that ends within this many days (expired ones included). */
  expiringWithinDays?: number;
  /** Only deployments with a secret that ends in [from, to) (ISO 8601), e.g. a timeline week. */
  expiring?: { from: string; to: string };
  /** Case-insensitive match on deployment, entity, owner and namespace. */
  search?: string;
  /** Default `deployment`. */
  sort?: FleetSortKey;
  /** Default `asc`. */
  order?: 'asc' | 'desc';
  /** Page size, 1 to 500; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * One page of the fleet view.
 *
 * @public
 */
export interface FleetPage {
  items: FleetDeployment[];
  /** Deployments matching the query, over all pages. */
  totalCount: number;
  /** Absent on the last page. */
  nextCursor?: string;
}

/**
 * The secrets (of the deployments the user may see) that end in each of the coming weeks,
 * counted by the status they will have then: `GET /api/camunda-entra/deployments/expiry-timeline`.
 *
 * @public
 */
export interface ExpiryTimeline {
  weeks: Array<{
    /** First day of the week (ISO 8601 date, UTC). */
    start: string;
    /** Secrets ending this week, by their status today. */
    counts: Record<SecretExpiryStatus, number>;
  }>;
}
