import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * What the deployment rules see: a deployment as this portal recorded it, found by the ref of
 * the catalog entity it was requested for.
 *
 * @public
 */
export interface DeploymentPermissionResource {
  entityRef: string;
  deployment: string;
  /** The recorded owner; absent for a registration recorded before owners were (approvers only). */
  owner?: string;
}

/**
 * The query a deployment rule translates to; deployments are loaded one at a time for a
 * decision, so this only describes the condition.
 *
 * @public
 */
export interface DeploymentPermissionQuery {
  key: 'owner';
  values: string[];
}

/**
 * The resource behind `camunda-entra.status.read` and `camunda-entra.secret.rotate`.
 *
 * @public
 */
export const camundaEntraDeploymentPermissionResourceRef =
  createPermissionResourceRef<
    DeploymentPermissionResource,
    DeploymentPermissionQuery
  >().with({
    pluginId: 'camunda-entra',
    resourceType: CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE,
  });
