import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { specOf } from '../database/storedSpec';
import { StoredRequest } from '../database/RequestStore';
import {
  SecretSink,
  sinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';

/**
 * Where the sink keeps each client's secret of the deployment `registration` provisioned:
 * undefined for a client without a secret (a SPA). Refused (see specOf) when the registration's
 * stored spec no longer validates.
 */
export function secretLocator(
  sink: SecretSink,
  registration: StoredRequest,
): (client: string) => string | undefined {
  const target = sinkTarget(registration.id, specOf(registration));
  return client => {
    const key = entraSecretKey(client as DeploymentClientKey);
    return key && sink.locate(target, key);
  };
}
