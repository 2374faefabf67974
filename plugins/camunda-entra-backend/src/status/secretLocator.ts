import {
  DeploymentClientKey,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { StoredRequest } from '../database';
import { SecretSink, sinkTarget } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * Where the sink keeps each client's secret of the deployment `registration` provisioned:
 * undefined for a client without a secret (a SPA) or a spec that no longer validates. The
 * spec is validated once, not per client.
 */
export function secretLocator(
  sink: SecretSink,
  registration: StoredRequest,
): (client: string) => string | undefined {
  const validation = validateDeploymentSpec(registration.spec);
  if (!validation.valid) {
    return () => undefined;
  }
  const target = sinkTarget(registration.id, validation.spec);
  return client => {
    const key = entraSecretKey(client as DeploymentClientKey);
    return key && sink.locate(target, key);
  };
}
