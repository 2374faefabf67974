import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { SecretSinkTarget } from './SecretSink';

/**
 * Where a request's secrets for the deployment `spec` go.
 *
 * @public
 */
export function sinkTarget(
  requestId: string,
  spec: DeploymentSpec,
): SecretSinkTarget {
  return {
    requestId,
    deployment: spec.name,
    namespace: spec.namespace,
    secretName: spec.secrets.entra,
    ...(spec.secretStore && {
      secretStore: { vaultUrl: spec.secretStore.vaultUrl },
    }),
  };
}
