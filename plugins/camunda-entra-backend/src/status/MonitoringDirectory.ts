import { EntraDirectory } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * What monitoring reads from Entra. Application.Read.All covers all of it.
 *
 * @public
 */
export interface MonitoringDirectory
  extends Pick<EntraDirectory, 'getApplicationsByAppId' | 'listApplications'> {
  /** The app IDs among `appIds` that have a service principal in the tenant. */
  getServicePrincipalAppIds(appIds: string[]): Promise<string[]>;
}
