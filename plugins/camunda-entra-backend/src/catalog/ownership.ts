import { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RequestPlanOwnership } from '@camunda-entra/plugin-camunda-entra-common';

/** A user asking for something, with the groups (and the user) they own through. */
export interface Requester {
  ref: string;
  claims: string[];
  approver: boolean;
}

/** Whether the requester is (a member of) the owner. */
export function isMember(requester: Requester, owner: string): boolean {
  return requester.claims.some(
    claim => claim.toLowerCase() === owner.toLowerCase(),
  );
}

/** An owner as a full entity ref; a bare name is a group in the default namespace. */
export function ownerRef(owner: string, field = 'owner'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(`${field}: ${(error as Error).message}`);
  }
}

/**
 * The owner of a catalog entity as it is now, read with the plugin's own credentials (the
 * requester may not see it); undefined when the entity does not exist or names no owner.
 */
export async function currentEntityOwner(
  catalog: CatalogService,
  auth: AuthService,
  entityRef: string,
): Promise<string | undefined> {
  const entity = await catalog.getEntityByRef(entityRef, {
    credentials: await auth.getOwnServiceCredentials(),
  });
  const owner = entity?.spec?.owner;
  if (typeof owner !== 'string') {
    return undefined;
  }
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity!.metadata.namespace ?? 'default',
    }),
  );
}

/**
 * The plan's account of who owns the deployment, saying in words when the requester is not a
 * member of the owner, so that the approver sees someone acting for another team.
 */
export function planOwnership(
  owner: string | undefined,
  requester: Requester,
  transferTo?: string,
): RequestPlanOwnership {
  let note: string | undefined;
  if (!owner) {
    note =
      'no owner is recorded for the deployment (registered before owners were): only approvers act on it';
  } else if (!isMember(requester, owner)) {
    note = `${
      requester.ref
    } is not a member of ${owner}, which owns the deployment${
      requester.approver ? '; asked as an approver' : ''
    }`;
  }
  return {
    ...(owner && { owner }),
    ...(transferTo && { transferTo }),
    ...(note && { note }),
  };
}
