import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of provisioning and rotation requests; conditions on it are evaluated by
 * the camunda-entra backend plugin.
 *
 * @public
 */
export const CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE = 'camunda-entra-request';

/**
 * The resource type of a deployment as this portal recorded it, identified by its catalog
 * entity's ref; conditions on it (the recorded owner) are evaluated by the camunda-entra
 * backend plugin, never by the entity's current owner, which whoever registers the entity
 * chooses.
 *
 * @public
 */
export const CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE =
  'camunda-entra-deployment';

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
 * Ask for a change of a deployment's existing registration: a rotation of one of its client
 * secrets, a repair, provisioning it again or moving it to another owner. The resource is the
 * recorded deployment (see CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE), referenced by its catalog
 * entity's ref. The request itself still waits for approval, like any request.
 *
 * @public
 */
export const camundaEntraSecretRotatePermission = createPermission({
  name: 'camunda-entra.secret.rotate',
  attributes: { action: 'update' },
  resourceType: CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Read a deployment's Entra state (clients, redirect URIs, secret expiry) from the catalog
 * entity's card; the resource is the recorded deployment, referenced by its entity's ref.
 *
 * @public
 */
export const camundaEntraStatusReadPermission = createPermission({
  name: 'camunda-entra.status.read',
  attributes: { action: 'read' },
  resourceType: CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE,
});

/**
 * Every permission of the Camunda Entra plugins, for registration with the permissions registry.
 *
 * @public
 */
export const camundaEntraPermissions: Permission[] = [
  camundaEntraRequestApprovePermission,
  camundaEntraRequestReadPermission,
  camundaEntraSecretRotatePermission,
  camundaEntraStatusReadPermission,
];
