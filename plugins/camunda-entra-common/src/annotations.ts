/**
 * Annotations the values generator writes into a deployment's catalog-info.yaml and the
 * catalog card reads back. Defined once here so writer and reader cannot drift apart.
 *
 * @public
 */
export const CAMUNDA_ENTRA_ANNOTATIONS = {
  /** The deployment spec's name, the key of every Entra application's uniqueName. */
  deployment: 'camunda-entra.io/deployment',
  /** Entra tenant GUID the applications live in. */
  tenantId: 'camunda-entra.io/tenant-id',
  /** Entra cloud of the tenant: global, usgov or china. */
  cloud: 'camunda-entra.io/cloud',
  /** Camunda chart line of the deployment: 8.8, 8.9 or 8.10 (preview). */
  chart: 'camunda-entra.io/chart',
  /** Prefix for one annotation per component, e.g. `camunda-entra.io/client-id.optimize`. */
  clientIdPrefix: 'camunda-entra.io/client-id.',
} as const;

/**
 * The annotation carrying one component's Entra application (client) ID.
 *
 * @public
 */
export function clientIdAnnotation(component: string): string {
  return `${CAMUNDA_ENTRA_ANNOTATIONS.clientIdPrefix}${component}`;
}

/**
 * The catalog entity name of a deployment, e.g. `camunda-payments`.
 *
 * @public
 */
export function deploymentEntityName(deploymentName: string): string {
  return `camunda-${deploymentName}`;
}
