import {
  ChartLine,
  DeploymentClientKey,
  DeploymentSpec,
  EmailSenderSpec,
  EntraApplicationPlan,
  SecondaryStorageSpec,
  SecretKeyRef,
} from '@camunda-entra/plugin-camunda-entra-common';
import { ApplicationRegistrationSummary } from '../directory';
import { GeneratedRepository } from '../values';

/**
 * An external PostgreSQL database as users write it (port defaults to 5432).
 *
 * @public
 */
export interface UpgradeDatabaseInput {
  /** Host name, e.g. `db.example.com`. */
  host: string;
  /** Port. Default: 5432. */
  port?: number;
  /** Database name. */
  database: string;
  /** User name. */
  username: string;
  /** Where the password is. */
  password: SecretKeyRef;
}

/**
 * What the target line needs that the current spec cannot say, as users write it; validated
 * with the target spec, so a problem names the target spec's field.
 *
 * @public
 */
export interface UpgradeInput {
  /** The databases chart 15.x (8.10) no longer bundles. */
  databases?: {
    identity?: UpgradeDatabaseInput;
    camundaHub?: UpgradeDatabaseInput;
  };
  /** Replaces the spec's secondary storage (8.10 bundles no Elasticsearch). */
  secondaryStorage?: SecondaryStorageSpec;
  /** Camunda Hub's sender; default Web Modeler's. */
  camundaHub?: EmailSenderSpec;
}

/**
 * What an upgrade does to one Entra application.
 *
 * @public
 */
export interface ApplicationChange {
  /** The client the application serves. */
  client: DeploymentClientKey;
  /** Graph `uniqueName`, the same on both lines. */
  uniqueName: string;
  /** As the target line names it, or the current line for a removed one. */
  displayName: string;
  /**
   * `added`: the target line needs it and the current one does not (registered on apply);
   * `changed`: both use it but registration writes something else (applied as a superset of
   * both lines, trimmed on finish); `removed`: only the current line uses it (deleted on
   * finish); `unchanged`: both lines register it the same way.
   */
  change: 'added' | 'changed' | 'removed' | 'unchanged';
  /** What registration writes for it on the current line; absent when added. */
  before?: ApplicationRegistrationSummary;
  /** What registration writes for it on the target line; absent when removed. */
  after?: ApplicationRegistrationSummary;
  /** One line per difference, e.g. `redirect URI https://x/cb added`; empty unless changed. */
  differences: string[];
}

/**
 * How one file of the values repository changes.
 *
 * @public
 */
export interface ValuesFileChange {
  /** Relative to the repository root, e.g. `values.yaml`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Unified diff from the current line's file to the target line's. */
  diff: string;
}

/**
 * A change in the chart between two lines that concerns a deployment.
 *
 * @public
 */
export interface BreakingChange {
  /** Stable identifier, e.g. `flat-secret-keys`. */
  id: string;
  /** One line: what the chart does differently and what the generated values do about it. */
  summary: string;
}

/**
 * The applications registration writes in each step of an upgrade.
 *
 * @public
 */
export interface UpgradeSteps {
  /**
   * On approval, while the current line still runs: the target line's applications, each
   * changed one as the union of both lines' redirect URIs, so both lines sign in.
   */
  apply: EntraApplicationPlan[];
  /**
   * Once the target line runs ("Finish upgrade"): the changed applications as the target line
   * alone needs them, registered again.
   */
  finish: EntraApplicationPlan[];
  /** Once the target line runs: the applications only the current line used, deleted. */
  remove: Array<{ client: DeploymentClientKey; uniqueName: string }>;
}

/**
 * An upgrade of a deployment to the next Camunda line, for an approver and the owner to review
 * and for registration to carry out in order.
 *
 * @public
 */
export interface UpgradePlan {
  /** The current line. */
  from: ChartLine;
  /** The target line, the next after `from`. */
  to: ChartLine;
  /**
   * The target spec, validated; clients of applications that are `added` are missing until
   * apply registers them.
   */
  spec: DeploymentSpec;
  /** Every application of either line, current line's order first. */
  applications: ApplicationChange[];
  steps: UpgradeSteps;
  /** Clients the target spec lacks until apply registers them. */
  pendingClients: DeploymentClientKey[];
  /**
   * The target line's repository; a pending client's ID reads
   * `<registered on apply: client>` until apply registers it and the repository is generated
   * again from the target spec with its ID.
   */
  repository: GeneratedRepository;
  /** The files that differ between the current and the target line's repository. */
  values: ValuesFileChange[];
  /** The chart's breaking changes between the two lines that apply to this deployment. */
  breakingChanges: BreakingChange[];
}
