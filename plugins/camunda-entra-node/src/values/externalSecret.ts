import {
  DeploymentSpec,
  SecretStoreSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { keyVaultSecretName } from './keyVault';
import { requiredSecretKeys } from './secretKeys';
import { secretStoreRef } from './secretStore';

/**
 * How often the External Secrets Operator reads the vault again, in milliseconds. A rotated
 * secret reaches the Kubernetes Secret within this time, so the rotation grace period (24 hours
 * by default) must be longer; the backend refuses a shorter one.
 *
 * @public
 */
export const EXTERNAL_SECRET_REFRESH_INTERVAL_MS = 60 * 60 * 1000;

/**
 * {@link EXTERNAL_SECRET_REFRESH_INTERVAL_MS} as the ExternalSecret's `refreshInterval`: the
 * vault sees one read per key and hour.
 */
export const EXTERNAL_SECRET_REFRESH_INTERVAL = `${
  EXTERNAL_SECRET_REFRESH_INTERVAL_MS / 3_600_000
}h`;

/**
 * The values the operator's CRD defaults in each `remoteRef`, spelled out: `data` is a list, which
 * Argo CD compares whole, so a default the API server adds to an item would keep the
 * ExternalSecret OutOfSync for good.
 */
const REMOTE_REF_DEFAULTS = {
  conversionStrategy: 'Default',
  decodingStrategy: 'None',
  metadataPolicy: 'None',
} as const;

/**
 * An ExternalSecret that builds the Entra Secret, with the keys the secret script would give it,
 * from the vault the portal's sink writes to. The database password Secret is not covered: no
 * one writes those passwords to the vault, and they must never change once the databases exist.
 */
export function buildExternalSecret(
  spec: DeploymentSpec,
  store: SecretStoreSpec,
) {
  return {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: {
      name: spec.secrets.entra,
      namespace: spec.namespace,
      // Before the chart's workloads, which cannot start without the Secret.
      annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
    },
    spec: {
      refreshInterval: EXTERNAL_SECRET_REFRESH_INTERVAL,
      secretStoreRef: secretStoreRef(store),
      target: { name: spec.secrets.entra, creationPolicy: 'Owner' },
      data: requiredSecretKeys(spec).entra.map(({ key }) => ({
        secretKey: key,
        remoteRef: {
          key: keyVaultSecretName(spec.name, key),
          ...REMOTE_REF_DEFAULTS,
        },
      })),
    },
  };
}
