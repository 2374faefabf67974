import type { ChartLine, DeploymentSpec, SpecProblem } from '../spec';

/**
 * The life of a provisioning or rotation request. Nothing is created in the directory before
 * `approved`; `failed` requests can be retried, which moves them back to `approved`.
 *
 * @public
 */
export type RequestState =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'provisioning'
  | 'provisioned'
  | 'failed';

/**
 * What a request asks for: registering a whole deployment, rotating one client's secret,
 * repairing a deployment's drifted applications (secrets untouched), moving a deployment to
 * another owner (nothing in the directory changes), adopting a deployment whose applications
 * were registered by hand (recorded as they are; nothing in the directory changes), or
 * upgrading a deployment to the next Camunda line (additions and changes on approval, removals
 * once the owner finishes it).
 *
 * @public
 */
export type RequestKind =
  | 'provision'
  | 'rotate'
  | 'repair'
  | 'transfer'
  | 'adopt'
  | 'upgrade';

/**
 * One entry of a request's audit trail. Entries are appended, never rewritten.
 *
 * @public
 */
export interface RequestEvent {
  /** State after this event. */
  state: RequestState;
  /** User or service entity ref that caused the transition. */
  actor: string;
  /** ISO 8601 timestamp. */
  at: string;
  /** Why, or what was done: the decision's comment, a provisioning step, a failure. */
  comment?: string;
}

/**
 * One property in which an application differs from what registration sets.
 *
 * @public
 */
export interface ApplicationDifference {
  /** Graph property, e.g. web.redirectUris or groupMembershipClaims. */
  property: string;
  /** What the application has now, for people to read. */
  actual: string;
  /** What registration sets. */
  expected: string;
}

/**
 * What an approver sees before deciding: every application to create or change.
 *
 * @public
 */
export interface RequestPlanApplication {
  /** Client key, e.g. optimize or machine.payments-worker. */
  client: string;
  /** Display name of the Entra application. */
  displayName: string;
  /** The application's uniqueName in the tenant, by which registration finds it again. */
  uniqueName: string;
  /** How it signs users in: a web app, a single-page app, or not at all (machine to machine). */
  platform: 'web' | 'spa' | 'none';
  /** Redirect URIs of that platform. */
  redirectUris: string[];
  /** Delegated Microsoft Graph scopes, e.g. openid profile email offline_access. */
  apiPermissions: string[];
  /** Names of the optional claims per token type; absent on plans made before they were listed. */
  optionalClaims?: { idToken: string[]; accessToken: string[] };
  /** Graph's groupMembershipClaims (SecurityGroup, or None); absent on plans made before it was listed. */
  groupMembershipClaims?: string;
  /** Whether a client secret is created (public clients have none; repairs and adoptions create none). */
  secret: boolean;
  /**
   * For repairs: how the application differs from its registration, each undone. For
   * adoptions: how the existing application differs from what the portal would register, shown
   * as drift and left as it is.
   */
  differences?: ApplicationDifference[];
  /** For adoptions: the application registered by hand that approval records for this client. */
  existing?: AdoptedApplication;
}

/**
 * An application an adoption found in the directory, as the approver sees it.
 *
 * @public
 */
export interface AdoptedApplication {
  /** Its client ID, as the spec named it. */
  appId: string;
  /** Its display name in the tenant now. */
  displayName: string;
  /** Its client secrets, which the portal never learns the text of. */
  secrets: AdoptedSecret[];
}

/**
 * A client secret of an adopted application: how to recognise it and when it expires.
 *
 * @public
 */
export interface AdoptedSecret {
  /** The password credential's keyId in Entra. */
  keyId: string;
  /** The first characters of the secret that Entra shows, when it keeps them. */
  hint?: string;
  /** ISO 8601 expiry; absent for a secret that never expires. */
  endDateTime?: string;
}

/**
 * Whether approving a request creates the deployment's registration in the tenant or changes
 * the one this portal made earlier, and whose that is.
 *
 * @public
 */
export type RequestPlanRegistration =
  | { kind: 'new' }
  | {
      kind: 'existing';
      /** The request that provisioned the registration last. */
      requestId: string;
      /** The catalog entity and namespace the deployment name belongs to. */
      entityRef?: string;
      namespace: string;
      requester: string;
    };

/**
 * Who owns the deployment a request is about: the owner recorded with its registration, or for
 * a name not provisioned yet the owner that its first provisioning records.
 *
 * @public
 */
export interface RequestPlanOwnership {
  /** Entity ref of the owner (a group or user); absent when a registration predates recorded owners. */
  owner?: string;
  /** For transfers: the owner once the request is carried out. */
  transferTo?: string;
  /** Said in words when the requester is not a member of the owner (an approver acting for a team). */
  note?: string;
}

/**
 * What an upgrade does to one Entra application, as the approver and the owner see it.
 *
 * @public
 */
export interface UpgradeApplicationChange {
  /** Client key, e.g. optimize. */
  client: string;
  /** The application's uniqueName, the same on both lines. */
  uniqueName: string;
  /** As the target line names it, or the current line for a removed one. */
  displayName: string;
  /**
   * `added`: registered on approval; `changed`: registered on approval with both lines'
   * redirect URIs and trimmed to the new line's on finish; `removed`: deleted on finish;
   * `unchanged`: left as it is.
   */
  change: 'added' | 'changed' | 'removed' | 'unchanged';
  /** One line per difference, e.g. `redirect URI https://x/cb added`; empty unless changed. */
  differences: string[];
}

/**
 * How one file of the deployment's values repository changes in an upgrade.
 *
 * @public
 */
export interface UpgradeValuesFile {
  /** Relative to the repository root, e.g. `values.yaml`. */
  path: string;
  /** Whether only the target line has the file, only the current line, or both differently. */
  change: 'added' | 'removed' | 'changed';
  /** Unified diff from the current line's file to the target line's. */
  diff: string;
}

/**
 * The upgrade part of an upgrade request's plan.
 *
 * @public
 */
export interface RequestPlanUpgrade {
  /** The deployment's line now. */
  from: ChartLine;
  /** The next line, which the request upgrades it to. */
  to: ChartLine;
  /** Every application of either line, with what the upgrade does to it. */
  applications: UpgradeApplicationChange[];
  /** The files of the values repository that differ between the lines. */
  values: UpgradeValuesFile[];
  /** The chart's breaking changes between the lines that apply to this deployment. */
  breakingChanges: Array<{ id: string; summary: string }>;
  /**
   * What finishing the upgrade does once the new line runs, pending until then: the
   * applications it deletes and those it registers again without the old line's redirect URIs.
   */
  pendingRemovals: Array<{
    client: string;
    uniqueName: string;
    change: 'removed' | 'changed';
  }>;
  /** Set once the owner finished the upgrade; the pending removals are done then. */
  finished?: { actor: string; at: string };
}

/**
 * The plan of a request, derived from its spec when the request is created.
 *
 * @public
 */
export interface RequestPlan {
  /** Absent on requests planned before registrations had owners. */
  registration?: RequestPlanRegistration;
  /** Absent on requests planned before owners were recorded. */
  ownership?: RequestPlanOwnership;
  /** Every application the request creates or changes. */
  applications: RequestPlanApplication[];
  /** Lifetime of the client secrets it creates, in days. */
  secretLifetimeDays: number;
  /** Human-readable description of where client secrets go, e.g. a Kubernetes Secret. */
  secretDestination: string;
  /** For upgrades: the lines, the Entra changes, the values diff and what finishing removes. */
  upgrade?: RequestPlanUpgrade;
}

/**
 * Identifies a client secret in Entra without revealing it.
 *
 * @public
 */
export interface RequestSecretReference {
  /** The password credential's keyId in Entra. */
  keyId: string;
  /** ISO 8601 expiry. */
  endDateTime: string;
}

/**
 * A request's deployment spec as stored. A request stores its spec validated and normalised
 * (defaults applied) when it is made, so `spec` is a {@link DeploymentSpec} and nothing reads
 * it again with checks of its own. A request stored by an earlier release whose spec this
 * release no longer accepts carries `specProblems` instead: its `spec` is then the JSON as
 * stored, to be shown to people and never acted on (the backend refuses to, naming the
 * problems).
 *
 * @public
 */
export type RequestSpec =
  | { spec: DeploymentSpec; specProblems?: undefined }
  | { spec: Record<string, unknown>; specProblems: SpecProblem[] };

/**
 * What every request carries besides its spec (see {@link CamundaEntraRequest}).
 *
 * @public
 */
export interface CamundaEntraRequestFields {
  /** A UUID. */
  id: string;
  /** What the request asks for. */
  kind: RequestKind;
  /** Where it is in its life. */
  state: RequestState;
  /** What approving the request does, planned when it was made. */
  plan: RequestPlan;
  /** User entity ref of the requester. */
  requester: string;
  /** Catalog entity the deployment is (or will be) registered as. */
  entityRef?: string;
  /** For rotations: the client whose secret is rotated. */
  client?: string;
  /** Application (client) IDs per client key once registered. */
  clients: Record<string, string>;
  /** Deployment environment named by the requester (e.g. development); auto-approval rules match it. */
  environment?: string;
  /** The client secrets delivered to the secret sink, per client key. Never the secret text. */
  secrets?: Record<string, RequestSecretReference>;
  /** Where the secret sink put the client secrets, e.g. a Kubernetes Secret or a local file. */
  secretLocation?: string;
  /** Why the last provisioning attempt failed. */
  failureReason?: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
  /** ISO 8601 timestamp of the last change. */
  updatedAt: string;
  /** The audit trail, oldest first. */
  history: RequestEvent[];
}

/**
 * A provisioning or rotation request as the REST API returns it, with its typed spec (or, for
 * a request stored by an earlier release, the problems of its spec; see {@link RequestSpec}).
 * Never carries secret text.
 *
 * @public
 */
export type CamundaEntraRequest = CamundaEntraRequestFields & RequestSpec;
