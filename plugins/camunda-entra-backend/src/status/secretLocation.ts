import {
  DeploymentClientKey,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { StoredRequest } from '../database';
import { SecretSink } from '../sinks';
import { sinkTarget } from '../sinks/sinkTarget';

/**
 * Where the sink keeps the secret of `client` of the deployment `registration` provisioned;
 * undefined for a client without a secret (a SPA) or a spec that no longer validates.
 */
export function secretLocation(
  sink: SecretSink,
  registration: StoredRequest,
  client: string,
): string | undefined {
  const key = entraSecretKey(client as DeploymentClientKey);
  const validation = validateDeploymentSpec(registration.spec);
  if (!key || !validation.valid) {
    return undefined;
  }
  return sink.locate(sinkTarget(registration.id, validation.spec), key);
}
