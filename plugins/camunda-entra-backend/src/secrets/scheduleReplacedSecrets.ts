import type { ProvisioningDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { SecretRemovalStore } from '../database/SecretRemovalStore';

/**
 * Records every secret of an application except the one just delivered for removal once the
 * grace period ends, so that exactly one valid secret remains: the one in the sink. Running it
 * again records nothing new. Returns how many secrets are replaced.
 */
export async function scheduleReplacedSecrets(
  options: {
    directory: Pick<ProvisioningDirectory, 'listSecrets'>;
    removals: SecretRemovalStore;
  },
  replacement: {
    requestId: string;
    objectId: string;
    /** The delivered secret's keyId. */
    keyId: string;
    removeAfter: Date;
  },
): Promise<number> {
  const { requestId, objectId, keyId, removeAfter } = replacement;
  const replaced = (await options.directory.listSecrets(objectId)).filter(
    secret => secret.keyId !== keyId,
  );
  await options.removals.schedule(
    replaced.map(secret => ({
      requestId,
      objectId,
      keyId: secret.keyId,
      removeAfter,
    })),
  );
  return replaced.length;
}
