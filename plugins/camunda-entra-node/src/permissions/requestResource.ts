import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE,
  CamundaEntraRequest,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * What the request rules see: the request and the owners of its deployment as this portal
 * recorded them, resolved when the request is loaded for a decision.
 *
 * @public
 */
export interface RequestPermissionResource {
  request: CamundaEntraRequest;
  /**
   * The deployment's recorded owner now, the owner its plan named when the request was made,
   * and for a transfer the new owner; empty when none is known.
   */
  owners: string[];
}

/**
 * The query a rule translates to; requests are few per portal, so conditions are applied to
 * loaded requests and this only describes them.
 *
 * @public
 */
export interface RequestPermissionQuery {
  key: 'requester' | 'owner';
  values: string[];
}

/**
 * The resource behind `camunda-entra.request.read`, for rules, conditions and the registry.
 *
 * @public
 */
export const camundaEntraRequestPermissionResourceRef =
  createPermissionResourceRef<
    RequestPermissionResource,
    RequestPermissionQuery
  >().with({
    pluginId: 'camunda-entra',
    resourceType: CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE,
  });
