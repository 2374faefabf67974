import { requireOrganizationRead } from './authorization';
import { GraphContext } from './context';
import { DEFAULT_DOMAIN } from './directoryObjects';
import { collectionResult, getEntityResult } from './entities';
import { notFound } from './errors';
import { EntityKey } from './odata';
import { ORGANIZATION } from './schema';
import { GraphCall, GraphResult } from './types';

function organizationEntity(context: GraphContext) {
  return {
    id: context.tenantId,
    countryLetterCode: null,
    displayName: context.organization.displayName,
    preferredLanguage: 'en',
    tenantType: 'AAD',
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: true,
        name: context.organization.domain ?? DEFAULT_DOMAIN,
        type: 'Managed',
      },
    ],
  };
}

/** `/organization`: the one tenant the caller's token belongs to. */
export function listOrganization(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  requireOrganizationRead(call.caller);
  return collectionResult(context, call, {
    entitySet: 'organization',
    type: ORGANIZATION,
    filterable: ['id'],
    items: [organizationEntity(context)],
  });
}

export function getOrganization(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  return getEntityResult(context, call, 'organization', ORGANIZATION, () => {
    requireOrganizationRead(call.caller);
    if (key.value.toLowerCase() !== context.tenantId.toLowerCase()) {
      throw notFound(key.value);
    }
    return organizationEntity(context);
  });
}
