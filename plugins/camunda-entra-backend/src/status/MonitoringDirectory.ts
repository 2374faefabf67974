import { EntraDirectory } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * What monitoring reads from Entra. Application.Read.All covers all of it.
 *
 * @public
 */
export type MonitoringDirectory = Pick<
  EntraDirectory,
  'getApplicationsByAppId' | 'listApplications'
>;
