import {
  DeploymentSpec,
  DeploymentSpecInput,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import { MonitoringDirectory } from '../status/MonitoringDirectory';

/**
 * A client secret as Entra issued it. `secretText` is shown once and must go nowhere but the
 * secret sink.
 *
 * @public
 */
export interface IssuedSecret {
  keyId: string;
  secretText: string;
  endDateTime: string;
}

/**
 * What provisioning needs from the Entra directory, and the reads monitoring and rotation
 * need from the same directory.
 *
 * @public
 */
export interface ProvisioningDirectory extends MonitoringDirectory {
  /** The tenant applications are registered in; fills in specs that name none. */
  readonly tenant: DeploymentSpecInput['tenant'] | undefined;
  /** Creates or updates the application idempotently (uniqueName upsert). */
  registerApplication(
    spec: DeploymentSpec,
    application: EntraApplicationPlan,
    options?: {
      /** Where the deployment is described (catalog entity, request), noted on the application. */
      source?: string;
    },
  ): Promise<{ objectId: string; appId: string }>;
  /** The application's password credentials, without secret text. */
  listSecrets(
    objectId: string,
  ): Promise<Array<{ keyId: string; displayName?: string | null }>>;
  addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays: number },
  ): Promise<IssuedSecret>;
  removeSecret(objectId: string, keyId: string): Promise<void>;
}
