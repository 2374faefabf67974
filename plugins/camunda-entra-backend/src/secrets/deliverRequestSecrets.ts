import {
  DeploymentClientKey,
  DeploymentSpec,
  RequestSecretReference,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraSecretKey,
  ProvisioningDirectory,
  SecretSink,
  SecretSinkKeyMetadata,
  sinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';
import { withdrawUndelivered } from './withdrawUndelivered';

/**
 * The display name of a request's client secrets in Entra; how an interrupted run finds the
 * secrets it added but never delivered.
 */
export function secretDisplayName(requestId: string): string {
  return `camunda-entra request ${requestId}`;
}

/**
 * Adds a client secret to each application for a request and hands them to the sink in one
 * call (`write` replaces the deployment's secret, `update` sets these keys beside the others), so
 * that per application exactly one secret of the request survives and it is the one the sink
 * has: a secret an interrupted attempt of the same request added is removed first, and secrets
 * the sink refuses are withdrawn before the error is thrown. Recording the result is the
 * caller's, which holds the request's lease.
 */
export async function deliverRequestSecrets(
  { directory, sink }: { directory: ProvisioningDirectory; sink: SecretSink },
  request: { id: string; spec: DeploymentSpec },
  applications: Array<{ client: DeploymentClientKey; objectId: string }>,
  { mode, signal }: { mode: 'write' | 'update'; signal?: AbortSignal },
): Promise<{
  location: string;
  secrets: Record<string, RequestSecretReference>;
}> {
  const target = sinkTarget(request.id, request.spec);
  // A target the sink refuses fails before any secret is added.
  sink.checkTarget(target);
  const keys = applications.map(({ client }) => {
    const key = entraSecretKey(client);
    if (!key) {
      throw new Error(`No secret key is defined for client ${client}`);
    }
    return key;
  });
  const displayName = secretDisplayName(request.id);
  const issued = await Promise.all(
    applications.map(async ({ client, objectId }) => {
      for (const earlier of await directory.listSecrets(objectId)) {
        if (earlier.displayName === displayName) {
          await directory.removeSecret(objectId, earlier.keyId);
        }
      }
      const secret = await directory.addSecret(objectId, {
        displayName,
        lifetimeDays: request.spec.secretLifetimeDays,
      });
      return { client, objectId, secret };
    }),
  );
  signal?.throwIfAborted();

  const data: Record<string, string> = {};
  const metadata: Record<string, SecretSinkKeyMetadata> = {};
  issued.forEach(({ client, secret }, index) => {
    data[keys[index]] = secret.secretText;
    metadata[keys[index]] = { client, expiresAt: secret.endDateTime };
  });
  const { location } = await sink[mode](target, data, metadata).catch(
    async error => {
      throw await withdrawUndelivered(
        directory,
        issued.map(({ objectId, secret }) => ({
          objectId,
          keyId: secret.keyId,
        })),
        error,
      );
    },
  );
  return {
    location,
    secrets: Object.fromEntries(
      issued.map(({ client, secret }) => [
        client,
        { keyId: secret.keyId, endDateTime: secret.endDateTime },
      ]),
    ),
  };
}
