import {
  DeploymentClientKey,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from './secretKeys';

/**
 * A deployment's Entra client secret Secret, as a Kubernetes manifest.
 *
 * @public
 */
export interface EntraSecretManifest {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: { name: string; namespace: string };
  type: 'Opaque';
  /** Secret texts by the keys the values read them from. */
  stringData: Record<string, string>;
}

/**
 * The Secret the generated values read the client secrets from (`secrets.entra` in the
 * spec's namespace), holding `secrets` under their keys (see entraSecretKey); clients without
 * a key are left out. Applying it adds or replaces only these keys. What
 * `camunda-entra register --secrets-out` writes.
 *
 * @public
 */
export function entraSecretManifest(
  spec: Pick<DeploymentSpec, 'namespace' | 'secrets'>,
  secrets: Array<{ client: DeploymentClientKey; secretText: string }>,
): EntraSecretManifest {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: spec.secrets.entra, namespace: spec.namespace },
    type: 'Opaque',
    stringData: Object.fromEntries(
      secrets.flatMap(({ client, secretText }) => {
        const key = entraSecretKey(client);
        return key === undefined ? [] : [[key, secretText]];
      }),
    ),
  };
}
