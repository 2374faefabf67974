import { ForwardedError, isError } from '@backstage/errors';
import { ProvisioningDirectory } from '@camunda-entra/plugin-camunda-entra-node';

/** Errors after which a sink has stored nothing (see SecretSinkRefusedError). */
const REFUSALS = [
  'SecretSinkRefusedError',
  'InputError',
  'ConflictError',
  'NotFoundError',
];

/**
 * What becomes of the client secrets an attempt added when the sink did not take them. After a
 * refusal they went nowhere and are removed from Entra, or they would stay valid for their whole
 * lifetime. After any other failure the sink may hold them (a connection dropped after the
 * write), and a running deployment may be about to read them, so they stay; a retry replaces
 * them, since it finds them by the request's display name. Returns the error to fail with.
 */
export async function withdrawUndelivered(
  directory: ProvisioningDirectory,
  added: Array<{ objectId: string; keyId: string }>,
  sinkError: unknown,
): Promise<Error> {
  const count = `${added.length} client secret${added.length === 1 ? '' : 's'}`;
  if (!isError(sinkError) || !REFUSALS.includes(sinkError.name)) {
    return new ForwardedError(
      `The secret sink failed and may or may not hold the ${count} this attempt added, so they stay valid in Entra until a retry replaces them`,
      sinkError,
    );
  }
  const results = await Promise.allSettled(
    added.map(({ objectId, keyId }) => directory.removeSecret(objectId, keyId)),
  );
  const failed = results.flatMap(result =>
    result.status === 'rejected' ? [result.reason] : [],
  );
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
