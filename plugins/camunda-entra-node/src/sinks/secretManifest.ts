import { CAMUNDA_ENTRA_ANNOTATIONS } from '@camunda-entra/plugin-camunda-entra-common';
import { SecretSinkTarget } from './SecretSink';

/** Marks the Secrets camunda-entra manages; the Kubernetes sink touches no Secret without it. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGER = 'camunda-entra';
/** The request that delivered the Secret's keys last. */
export const REQUEST_ANNOTATION = 'camunda-entra.io/request';
/** The keys camunda-entra owns, comma-separated: the only ones it sets or removes. */
export const OWNED_KEYS_ANNOTATION = 'camunda-entra.io/owned-keys';

/** The label and annotations that say a Secret is the deployment's and which keys are ours. */
export function secretOwnership(target: SecretSinkTarget, ownedKeys: string[]) {
  return {
    labels: { [MANAGED_BY_LABEL]: MANAGER },
    annotations: {
      [CAMUNDA_ENTRA_ANNOTATIONS.deployment]: target.deployment,
      [REQUEST_ANNOTATION]: target.requestId,
      [OWNED_KEYS_ANNOTATION]: [...new Set(ownedKeys)].sort().join(','),
    },
  };
}

/** The keys a Secret's ownership annotation says are ours. */
export function ownedKeysOf(metadata?: {
  annotations?: Record<string, string>;
}): string[] {
  return (metadata?.annotations?.[OWNED_KEYS_ANNOTATION] ?? '')
    .split(',')
    .filter(Boolean);
}

/** The Kubernetes Secret both sinks produce for a registration. */
export function secretManifest(
  target: SecretSinkTarget,
  data: Record<string, string>,
) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: target.secretName,
      namespace: target.namespace,
      ...secretOwnership(target, Object.keys(data)),
    },
    type: 'Opaque',
    stringData: data,
  };
}

/**
 * A JSON merge patch of that Secret setting some keys and leaving the others, the local
 * sink's form of an update.
 */
export function secretPatch(
  target: SecretSinkTarget,
  data: Record<string, string>,
) {
  return {
    metadata: { annotations: { [REQUEST_ANNOTATION]: target.requestId } },
    stringData: data,
  };
}
