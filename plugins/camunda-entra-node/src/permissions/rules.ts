import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { camundaEntraDeploymentPermissionResourceRef } from './deploymentResource';
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
 * Allows requests about a deployment owned by one of the claims: the owner this portal
 * recorded for it (now, or when the request was made), never the current owner of a catalog
 * entity, which whoever registers the entity chooses.
 *
 * @public
 */
export const isDeploymentOwner = createPermissionRule({
  name: 'IS_DEPLOYMENT_OWNER',
  description:
    'Allow requests about a deployment whose recorded owner is one of the given claims',
  resourceRef: camundaEntraRequestPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: ({ owners }, { claims }) =>
    owners.some(owner => includesRef(claims, owner)),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
});

/**
 * Allows acting on a deployment whose recorded owner is one of the claims.
 *
 * @public
 */
export const isRecordedOwner = createPermissionRule({
  name: 'IS_RECORDED_OWNER',
  description:
    'Allow deployments whose owner recorded by this portal is one of the given claims',
  resourceRef: camundaEntraDeploymentPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: ({ owner }, { claims }) => !!owner && includesRef(claims, owner),
  toQuery: ({ claims }) => ({ key: 'owner', values: claims }),
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

/**
 * The rules of the deployment resource type.
 *
 * @public
 */
export const camundaEntraDeploymentPermissionRules = { isRecordedOwner };
