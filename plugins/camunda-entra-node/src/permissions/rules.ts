import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { camundaEntraRequestPermissionResourceRef } from './requestResource';

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe('Entity refs (user and groups) of which at least one must match'),
});

// Entity refs from tokens and from the catalog may differ in case.
const includesRef = (claims: string[], ref: string) =>
  claims.some(claim => claim.toLowerCase() === ref.toLowerCase());

/**
 * Allows requests made by one of the claims (the user's own entity ref).
 *
 * @public
 */
export const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'Allow requests made by one of the given users',
  resourceRef: camundaEntraRequestPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: ({ request }, { claims }) => includesRef(claims, request.requester),
  toQuery: ({ claims }) => ({ key: 'requester', values: claims }),
});

/**
 * Allows requests whose deployment's catalog entity is owned by one of the claims, the way the
 * catalog's IS_ENTITY_OWNER matches `ownedBy` relations.
 *
 * @public
 */
export const isDeploymentOwner = createPermissionRule({
  name: 'IS_DEPLOYMENT_OWNER',
  description:
    "Allow requests whose deployment's catalog entity is owned by one of the given claims",
  resourceRef: camundaEntraRequestPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: ({ entityOwners }, { claims }) =>
    entityOwners.some(owner => includesRef(claims, owner)),
  toQuery: ({ claims }) => ({ key: 'entityOwner', values: claims }),
});

/**
 * The rules of the request resource type.
 *
 * @public
 */
export const camundaEntraRequestPermissionRules = {
  isRequester,
  isDeploymentOwner,
};
