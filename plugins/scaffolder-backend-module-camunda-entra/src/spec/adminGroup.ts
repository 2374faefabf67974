import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The annotation in which Backstage's Microsoft Graph catalog module keeps a group's Entra
 * object ID, the value Entra puts into the groups claim.
 */
export const GRAPH_GROUP_ID_ANNOTATION = 'graph.microsoft.com/group-id';

/**
 * The Entra object ID of a catalog group, read with the template user's credentials so that
 * a group they may not see is refused like a missing one.
 */
export async function adminGroupId(
  catalog: CatalogService,
  groupRef: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const ref = stringifyEntityRef(
    parseEntityRef(groupRef, { defaultKind: 'group' }),
  );
  const group = await catalog.getEntityByRef(ref, { credentials });
  if (!group || group.kind.toLowerCase() !== 'group') {
    throw new InputError(`adminGroup: ${ref} is not a group in the catalog`);
  }
  const id = group.metadata.annotations?.[GRAPH_GROUP_ID_ANNOTATION];
  if (!id) {
    throw new InputError(
      `adminGroup: ${ref} has no ${GRAPH_GROUP_ID_ANNOTATION} annotation; pick a group ingested from Microsoft Entra ID`,
    );
  }
  return id;
}
