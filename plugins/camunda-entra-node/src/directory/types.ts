import {
  DeploymentSpec,
  EntraApplicationPlan,
  DeploymentClientKey,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * A client secret just created. `secretText` is returned once by Entra and is not
 * enumerable, so logging or serialising this object never includes it.
 *
 * @public
 */
export interface CreatedSecret {
  keyId: string;
  displayName: string;
  /** First characters of the secret, as Entra shows them. */
  hint: string;
  startDateTime: string;
  endDateTime: string;
  readonly secretText: string;
}

/**
 * When registration adds a client secret to a confidential client: `missing` when it has no
 * unexpired one, `always` (rotation), `never` (default).
 *
 * @public
 */
export type SecretPolicy = 'missing' | 'always' | 'never';

/**
 * Options of {@link EntraDirectory.registerApplication}.
 *
 * @public
 */
export interface RegisterApplicationOptions {
  /** Deployment name, written into tags and notes. */
  deployment: string;
  /** Where the deployment is described (catalog entity, file), noted on the application. */
  source?: string;
  secrets?: SecretPolicy;
  /** Display name of new secrets; default `camunda-entra <date>`. */
  secretDisplayName?: string;
  /** Lifetime of new secrets; default from config, capped by its maximum. */
  secretLifetimeDays?: number;
  /** Grant tenant-wide consent for the sign-in scopes; default from config. */
  grantAdminConsent?: boolean;
  /** Owners (object IDs) to add; default from config. */
  owners?: string[];
  /**
   * Called for each application as soon as it exists and can be addressed by its object ID
   * (replicated), while its service principal, consent and owners are still being done: for a
   * caller that adds secrets its own way (the CLI's journal) without waiting for the rest.
   */
  onApplicationReady?: (application: ReadyApplication) => void;
}

/**
 * An application registration has created or found, passed to
 * {@link RegisterApplicationOptions.onApplicationReady}.
 *
 * @public
 */
export type ReadyApplication = Pick<
  RegisteredApplication,
  'client' | 'objectId' | 'appId' | 'created'
>;

/**
 * Options of {@link EntraDirectory.registerDeployment}; with a spec, `deployment` and the
 * secret lifetime default to the spec's.
 *
 * @public
 */
export type RegisterDeploymentOptions = Omit<
  RegisterApplicationOptions,
  'deployment'
> & {
  deployment?: string;
};

/**
 * What {@link EntraDirectory.getApplicationsByAppId} found.
 *
 * @public
 */
export interface ApplicationsByAppId {
  applications: EntraApplicationInfo[];
  /** The app IDs that have a service principal. */
  servicePrincipalAppIds: string[];
}

/**
 * What registration did for one application.
 *
 * @public
 */
export interface RegisteredApplication {
  client: DeploymentClientKey;
  uniqueName: string;
  displayName: string;
  appId: string;
  objectId: string;
  servicePrincipalId: string;
  /** False when the application existed and was brought in line. */
  created: boolean;
  servicePrincipalCreated: boolean;
  consent: 'created' | 'updated' | 'unchanged' | 'skipped';
  /** Owners added by this run (existing owners are not listed). */
  ownersAdded: string[];
  secret?: CreatedSecret;
}

/**
 * One step of a registration, for progress logs such as the scaffolder's.
 *
 * @public
 */
export interface RegistrationProgress {
  client: DeploymentClientKey;
  step:
    | 'start'
    | 'application'
    | 'secret'
    | 'servicePrincipal'
    | 'consent'
    | 'owners'
    | 'done';
  message: string;
  /** On `done`: what registration did for the application, so a caller can record it at once. */
  registered?: RegisteredApplication;
}

/**
 * An application as monitoring sees it; never carries secret text.
 *
 * @public
 */
export interface EntraApplicationInfo {
  objectId: string;
  appId: string;
  displayName: string;
  uniqueName?: string;
  tags: string[];
  /** From the product's tags, when the application is one of ours. */
  deployment?: string;
  client?: DeploymentClientKey;
  signInAudience?: string;
  webRedirectUris: string[];
  spaRedirectUris: string[];
  requestedAccessTokenVersion: number | null;
  /** Graph's groupMembershipClaims (e.g. SecurityGroup); absent when not set. */
  groupMembershipClaims?: string;
  /** Names of the optional claims per token type. */
  optionalClaims: { idToken: string[]; accessToken: string[] };
  passwordCredentials: Array<{
    keyId: string;
    displayName?: string;
    hint?: string;
    startDateTime?: string;
    endDateTime?: string;
  }>;
  keyCredentials: Array<{
    keyId: string;
    displayName?: string;
    type?: string;
    usage?: string;
    startDateTime?: string;
    endDateTime?: string;
  }>;
}

/**
 * How to address one application.
 *
 * @public
 */
export type ApplicationReference =
  | { objectId: string }
  | { appId: string }
  | { uniqueName: string };

/**
 * The one piece of the product that talks to Entra ID (through Microsoft Graph).
 *
 * @public
 */
export interface EntraDirectory {
  readonly tenantId: string;

  /**
   * Creates or updates one application (idempotent `uniqueName` upsert), then its service
   * principal, and as configured a secret, admin consent and owners. A second run creates
   * nothing.
   */
  registerApplication(
    plan: EntraApplicationPlan,
    options: RegisterApplicationOptions,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication>;

  /**
   * Registers all of a deployment's applications in parallel. When some fail, throws an
   * `EntraRegistrationError` carrying the ones that succeeded.
   */
  registerDeployment(
    target: DeploymentSpec | EntraApplicationPlan[],
    options?: RegisterDeploymentOptions,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication[]>;

  /**
   * Adds a client secret with an explicit end date (lifetime capped by config). After a 5xx or
   * no answer it removes the secret that attempt may have added (same display name, started
   * since) before trying again, so no secret is left that nobody has the text of.
   */
  addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays?: number },
  ): Promise<CreatedSecret>;

  /** Removes a client secret; one that is gone already counts as removed. */
  removeSecret(objectId: string, keyId: string): Promise<void>;

  /**
   * Deletes an application with its service principal (Entra keeps it among the deleted
   * items for 30 days); one that is gone already counts as removed.
   */
  removeApplication(objectId: string): Promise<void>;

  /** Undefined when there is no such application. */
  getApplication(
    reference: ApplicationReference,
  ): Promise<EntraApplicationInfo | undefined>;

  /**
   * The applications among `appIds` that exist and which of them have a service principal,
   * read together: for a deployment's applications one `$batch`.
   */
  getApplicationsByAppId(appIds: string[]): Promise<ApplicationsByAppId>;

  /**
   * The product's applications, or one deployment's, found by tag. With `only: 'secrets'`
   * Graph returns just the IDs, names, tags and password credentials (what an expiry scan
   * reads); the other properties are then empty.
   */
  listApplications(options?: {
    deployment?: string;
    only?: 'secrets';
  }): Promise<EntraApplicationInfo[]>;

  /**
   * The applications whose display name starts with `prefix` (case-insensitive), tagged or
   * not: how someone finds the applications they registered by hand, e.g. to adopt them.
   * At most `limit` (default 50).
   */
  findApplicationsByDisplayName(
    prefix: string,
    options?: { limit?: number },
  ): Promise<EntraApplicationInfo[]>;
}
