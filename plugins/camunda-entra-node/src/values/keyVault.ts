/**
 * The name of the Key Vault secret that holds one key of a deployment's Entra Secret, e.g.
 * `camunda-payments-orchestration-cluster-client-secret`. The vault sink writes under this
 * name and the generated ExternalSecret reads it, so both must use this function. One vault can
 * serve many deployments: the deployment name keeps their secrets apart.
 *
 * @public
 */
export function keyVaultSecretName(deployment: string, key: string): string {
  return `camunda-${deployment}-${key}`;
}
