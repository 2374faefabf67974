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
 * Every permission of the Camunda Entra plugins, for registration with the permissions registry.
 *
 * @public
 */
export const camundaEntraPermissions = [camundaEntraRequestApprovePermission];
