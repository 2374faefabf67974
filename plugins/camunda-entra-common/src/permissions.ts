import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of provisioning and rotation requests; conditions on it are evaluated by
 * the camunda-entra backend plugin.
 *
 * @public
 */
export const CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE = 'camunda-entra-request';

/**
 * Approve or reject a provisioning or rotation request; a permission policy decides who is on
 * the platform team.
 *
 * @public
 */
export const camundaEntraRequestApprovePermission = createPermission({
  name: 'camunda-entra.request.approve',
  attributes: { action: 'update' },
});

/**
 * Read a request: its spec, plan, client IDs, where its secrets went and its audit trail.
 * Conditional policies use the request rules of the backend plugin (requester, owner of the
 * deployment's entity).
 *
 * @public
 */
export const camundaEntraRequestReadPermission = createPermission({
  name: 'camunda-entra.request.read',
  attributes: { action: 'read' },
  resourceType: CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE,
});

/**
 * Ask for one of a deployment's client secrets to be rotated; the resource is the
 * deployment's catalog entity, so policies can use the catalog's rules (e.g. its owner). The
 * rotation itself still waits for approval, like any request.
 *
 * @public
 */
export const camundaEntraSecretRotatePermission = createPermission({
  name: 'camunda-entra.secret.rotate',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read a deployment's Entra state (clients, redirect URIs, secret expiry) from the catalog
 * entity's card; the resource is the deployment's catalog entity.
 *
 * @public
 */
export const camundaEntraStatusReadPermission = createPermission({
  name: 'camunda-entra.status.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission of the Camunda Entra plugins, for registration with the permissions registry.
 *
 * @public
 */
export const camundaEntraPermissions = [
  camundaEntraRequestApprovePermission,
  camundaEntraRequestReadPermission,
  camundaEntraSecretRotatePermission,
  camundaEntraStatusReadPermission,
];
