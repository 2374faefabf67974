import { createPermission } from '@backstage/plugin-permission-common';

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
 * Ask for a component's client secret to be rotated. The rotation itself still waits for
 * approval, like any request.
 *
 * @public
 */
export const camundaEntraSecretRotatePermission = createPermission({
  name: 'camunda-entra.secret.rotate',
  attributes: { action: 'create' },
});

/**
 * Every permission of the Camunda Entra plugins, for registration with the permissions registry.
 *
 * @public
 */
export const camundaEntraPermissions = [
  camundaEntraRequestApprovePermission,
  camundaEntraSecretRotatePermission,
];
