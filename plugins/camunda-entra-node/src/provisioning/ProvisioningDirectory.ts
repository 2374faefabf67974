import {
  DeploymentClientKey,
  DeploymentSpec,
  DeploymentTenantInput,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo, EntraDirectory } from '../directory';

/**
 * What monitoring reads from Entra. Application.Read.All covers all of it.
 *
 * @public
 */
export type MonitoringDirectory = Pick<
  EntraDirectory,
  'getApplicationsByAppId' | 'listApplications'
>;

/**
 * A client secret as Entra issued it. `secretText` is shown once and must go nowhere but the
 * secret sink.
 *
 * @public
 */
export interface IssuedSecret {
  /** The secret's ID among the application's password credentials. */
  keyId: string;
  secretText: string;
  /** When it expires (ISO 8601). */
  endDateTime: string;
}

/**
 * The IDs of one application provisioning registered.
 *
 * @public
 */
export interface ProvisionedApplication {
  client: DeploymentClientKey;
  /** The application object's ID. */
  objectId: string;
  /** The client ID. */
  appId: string;
}

/**
 * One application's progress through {@link ProvisioningDirectory.registerDeployment}.
 *
 * @public
 */
export type ProvisioningProgress =
  | { step: 'registering'; client: DeploymentClientKey }
  | ({ step: 'registered' } & ProvisionedApplication);

/**
 * Options of {@link ProvisioningDirectory.registerDeployment}.
 *
 * @public
 */
export interface ProvisioningRegistrationOptions {
  /** Where the deployment is described (catalog entity, request), noted on the applications. */
  source?: string;
  /**
   * Called as each application starts and as soon as it is registered (before the others
   * finish), so a caller can record it at once; every application that registered has been
   * reported when the registration returns or fails.
   */
  onProgress?: (progress: ProvisioningProgress) => void;
}

/**
 * What provisioning needs from the Entra directory, and the reads monitoring and rotation
 * need from the same directory.
 *
 * @public
 */
export interface ProvisioningDirectory extends MonitoringDirectory {
  /** The tenant applications are registered in; fills in specs that name none. */
  readonly tenant: DeploymentTenantInput | undefined;
  /**
   * Creates or updates the given applications of the spec's deployment idempotently
   * (uniqueName upsert) in one registration: what exists read together, independent
   * applications side by side. Adds no secret. When some fail, throws after the others are
   * registered (an `EntraRegistrationError` from the Graph directory).
   */
  registerDeployment(
    spec: DeploymentSpec,
    applications: EntraApplicationPlan[],
    options?: ProvisioningRegistrationOptions,
  ): Promise<ProvisionedApplication[]>;
  /** The application's password credentials, without secret text. */
  listSecrets(
    objectId: string,
  ): Promise<Array<{ keyId: string; displayName?: string | null }>>;
  /** Adds a client secret; its text is in the answer only. */
  addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays: number },
  ): Promise<IssuedSecret>;
  /** Removes a client secret; one that is gone already counts as removed. */
  removeSecret(objectId: string, keyId: string): Promise<void>;
  /**
   * Deletes an application with its service principal and secrets, as finishing an upgrade
   * does with those only the old line used; one that is gone already counts as removed.
   */
  removeApplication(objectId: string): Promise<void>;
  /**
   * The applications whose display name starts with `prefix`, tagged or not, at most `limit`:
   * how applications registered by hand are found to adopt them.
   */
  findApplicationsByDisplayName(
    prefix: string,
    options?: { limit?: number },
  ): Promise<EntraApplicationInfo[]>;
}
