import { PLUGIN_ACTOR } from '../actors';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import type { RequestWork } from '../workUnderLease';

/**
 * Carries out an approved adoption: records the deployment's name as registered (with the owner
 * its reservation holds) and the request, which recorded the applications when it was planned,
 * as the deployment's registration. Nothing is written to the directory and no secret is made.
 * Safe to run again: marking a registered name registered changes nothing.
 */
export async function recordAdoption(
  store: RequestStore,
  request: StoredRequest,
  { leaseOwner }: RequestWork = {},
): Promise<StoredRequest> {
  await store.beginRegistration(request.id);
  const count = Object.keys(request.clients).length;
  return store.transition(request.id, {
    from: ['provisioning'],
    to: 'provisioned',
    actor: PLUGIN_ACTOR,
    comment: `${count} Entra applications registered by hand recorded as the deployment's registration; nothing changed in the directory`,
    leaseOwner,
  });
}
