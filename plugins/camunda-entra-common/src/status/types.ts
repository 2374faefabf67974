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
  /** The credential's key ID in Entra. */
  keyId: string;
  /** The description given when the secret was created. */
  displayName?: string;
  /** First characters of the secret, as Entra shows them. */
  hint?: string;
  /** When the secret became valid (ISO 8601). */
  startDateTime?: string;
  /** When the secret expires (ISO 8601). */
  endDateTime: string;
  /** Whole days until endDateTime; negative once expired. */
  daysLeft: number;
  /** daysLeft against the warning windows. */
  status: SecretExpiryStatus;
}

/**
 * Redirect URIs the deployment expects compared with those registered in Entra.
 *
 * @public
 */
export interface RedirectUriComparison {
  /** What the spec's component URLs call for. */
  expected: string[];
  /** What the application has in Entra. */
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
  /** The application's display name in Entra. */
  displayName?: string;
  /** Application object ID, for links to the Entra admin center. */
  objectId?: string;
  /** Platform the plan calls for; `none` for a client without redirect URIs. */
  expectedPlatform: 'web' | 'spa' | 'none';
  /** Platform whose redirect URIs are set in Entra; `none` when there are none. */
  actualPlatform?: 'web' | 'spa' | 'none';
  /** The redirect URIs of the expected platform, expected and registered. */
  redirectUris: RedirectUriComparison;
  /** api.requestedAccessTokenVersion is 2 (aud = client ID, azp and preferred_username present). */
  accessTokenVersion2: boolean;
  /** preferred_username is an optional claim of ID and access tokens. */
  preferredUsernameClaim: boolean;
  /** The application has a service principal (enterprise application) in the tenant. */
  servicePrincipal: boolean;
  /**
   * Properties in which the application differs from its registration, which a repair
   * request undoes; empty when none or when the registration is unknown.
   */
  drift: ApplicationDifference[];
  /** The application's client secrets, metadata only. */
  secrets: SecretCredentialStatus[];
  /**
   * Where the portal delivered this client's secret, e.g. the vault and secret name; never
   * the secret. Absent for a client without a secret or a deployment not provisioned here.
   */
  secretLocation?: string;
  /** Human-readable problems (drift, configuration) behind a non-ok health. */
  problems: string[];
  /** The worst of this client's problems and secret expiry. */
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
  /** The deployment's catalog entity. */
  entityRef: string;
  /** The deployment name from the entity's annotation. */
  deployment: string;
  /** The Entra tenant from the entity's annotation. */
  tenantId?: string;
  /** One entry per client annotated on the entity. */
  components: ComponentEntraStatus[];
  /** The worst of the components' health. */
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
