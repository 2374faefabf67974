import { SecretSinkTarget } from './SecretSink';

/**
 * The Kubernetes Secret both sinks produce, labelled so operators can tell where it came from.
 */
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
      labels: {
        'app.kubernetes.io/managed-by': 'camunda-entra',
        'camunda-entra.io/deployment': target.deployment,
      },
      annotations: { 'camunda-entra.io/request': target.requestId },
    },
    type: 'Opaque',
    stringData: data,
  };
}

/**
 * A JSON merge patch of that Secret setting some keys and leaving the others, both sinks'
 * form of an update.
 */
export function secretPatch(
  target: SecretSinkTarget,
  data: Record<string, string>,
) {
  return {
    metadata: { annotations: { 'camunda-entra.io/request': target.requestId } },
    stringData: data,
  };
}
