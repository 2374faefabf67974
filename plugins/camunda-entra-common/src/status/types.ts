import type { ApplicationDifference } from '../requests/types';
import type { SignInVerification } from '../verification';

/**
 * How close a client secret is to its end date, against the configured warning windows.
 *
 * @public
 */
export type SecretExpiryStatus = 'ok' | 'expiring' | 'critical' | 'expired';

/**
 * Overall health of a component or deployment: `error` means sign-in is broken or about to be.
 *
 * @public
 */
export type EntraHealth = 'ok' | 'warning' | 'error';

/**
 * One password credential of an application. Metadata only: Graph never returns secret text
 * after creation, and neither does the backend.
 *
 * @public
 */
export interface SecretCredentialStatus {
  keyId: string;
  displayName?: string;
  /** First characters of the secret, as Entra shows them. */
  hint?: string;
  startDateTime?: string;
  endDateTime: string;
  /** Whole days until endDateTime; negative once expired. */
  daysLeft: number;
  status: SecretExpiryStatus;
}

/**
 * Redirect URIs the deployment expects compared with those registered in Entra.
 *
 * @public
 */
export interface RedirectUriComparison {
  expected: string[];
  actual: string[];
  /** Expected but not registered: sign-in fails with AADSTS50011. */
  missing: string[];
  /** Registered but not expected: someone edited the application by hand. */
  unexpected: string[];
}

/**
 * The Entra state of one client (application) of a deployment.
 *
 * @public
 */
export interface ComponentEntraStatus {
  /** Client key, e.g. orchestration or webModelerUi. */
  client: string;
  /** Application (client) ID from the entity's annotation. */
  appId: string;
  /** False when no application with that ID exists in the tenant. */
  found: boolean;
  displayName?: string;
  /** Application object ID, for links to the Entra admin center. */
  objectId?: string;
  expectedPlatform: 'web' | 'spa' | 'none';
  /** Platform whose redirect URIs are set in Entra; `none` when there are none. */
  actualPlatform?: 'web' | 'spa' | 'none';
  redirectUris: RedirectUriComparison;
  /** api.requestedAccessTokenVersion is 2 (aud = client ID, azp and preferred_username present). */
  accessTokenVersion2: boolean;
  /** preferred_username is an optional claim of ID and access tokens. */
  preferredUsernameClaim: boolean;
  servicePrincipal: boolean;
  /**
   * Properties in which the application differs from its registration, which a repair
   * request undoes; empty when none or when the registration is unknown.
   */
  drift: ApplicationDifference[];
  secrets: SecretCredentialStatus[];
  /**
   * Where the portal delivered this client's secret, e.g. the vault and secret name; never
   * the secret. Absent for a client without a secret or a deployment not provisioned here.
   */
  secretLocation?: string;
  /** Human-readable problems (drift, configuration) behind a non-ok health. */
  problems: string[];
  health: EntraHealth;
  /** Link to the application in the Entra admin center. */
  portalUrl?: string;
}

/**
 * The Entra state of a Camunda deployment's catalog entity, as the status endpoint returns it.
 *
 * @public
 */
export interface DeploymentEntraStatus {
  entityRef: string;
  deployment: string;
  tenantId?: string;
  components: ComponentEntraStatus[];
  health: EntraHealth;
  /** When the directory was read (ISO 8601). */
  fetchedAt: string;
  /**
   * The last check that the deployment's clients sign in as configured, run right after
   * provisioning and on demand; absent before the first.
   */
  lastVerification?: SignInVerification;
  /**
   * Present when the directory could not be read now and this is the last known state:
   * its age and the error.
   */
  stale?: { ageSeconds: number; error: string };
}
