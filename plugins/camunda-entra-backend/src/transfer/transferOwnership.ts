import { PLUGIN_ACTOR } from '../actors';
import { deploymentColumns } from '../database/deploymentColumns';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import type { RequestWork } from '../workUnderLease';

/**
 * Carries out an approved transfer: records the new owner of the deployment in place of the
 * one the plan named, and nothing else. Safe to run again: a deployment that already has the
 * new owner is left as it is; one that has another owner meanwhile fails the request.
 */
export async function transferOwnership(
  store: RequestStore,
  request: StoredRequest,
  { leaseOwner }: RequestWork = {},
): Promise<StoredRequest> {
  const { ownership } = request.plan;
  const { deployment: name, tenant_id: tenantId } = deploymentColumns(
    specOf(request),
  );
  if (!ownership?.transferTo) {
    throw new Error(
      `Request ${request.id} cannot transfer: it names no new owner`,
    );
  }
  await store.transferOwnership(
    { name, tenantId },
    { from: ownership.owner, to: ownership.transferTo },
  );
  return store.transition(request.id, {
    from: ['provisioning'],
    to: 'provisioned',
    actor: PLUGIN_ACTOR,
    comment: `owner of ${name} changed from ${
      ownership.owner ?? 'none recorded'
    } to ${ownership.transferTo}`,
    leaseOwner,
  });
}
