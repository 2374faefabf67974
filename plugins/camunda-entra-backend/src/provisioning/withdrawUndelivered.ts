import { ForwardedError, isError } from '@backstage/errors';
import { ProvisioningDirectory } from './ProvisioningDirectory';

/**
 * Removes from Entra the client secrets an attempt added when the sink did not take them:
 * delivered nowhere, they would otherwise stay valid for their whole lifetime. Returns the
 * error to fail with, the sink's error saying what became of them. A retry adds new secrets,
 * and removes any left here because it finds them by the request's display name.
 */
export async function withdrawUndelivered(
  directory: ProvisioningDirectory,
  added: Array<{ objectId: string; keyId: string }>,
  sinkError: unknown,
): Promise<Error> {
  const results = await Promise.allSettled(
    added.map(({ objectId, keyId }) => directory.removeSecret(objectId, keyId)),
  );
  const failed = results.flatMap(result =>
    result.status === 'rejected' ? [result.reason] : [],
  );
  const count = `${added.length} client secret${added.length === 1 ? '' : 's'}`;
  const outcome = failed.length
    ? `${
        failed.length
      } of the ${count} this attempt added could not be withdrawn from Entra (${
        isError(failed[0]) ? failed[0].message : String(failed[0])
      }); a retry removes them`
    : `the ${count} this attempt added ${
        added.length === 1 ? 'was' : 'were'
      } withdrawn from Entra; a retry adds new ones`;
  return new ForwardedError(
    `The secret sink did not take the client secrets, so ${outcome}`,
    sinkError,
  );
}
