import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  CAMUNDA_ENTRA_REQUEST_RESOURCE_TYPE,
  CamundaEntraRequest,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * What the request rules see: the request and the owners of its deployment's catalog entity,
 * resolved when the request is loaded for a decision.
 *
 * @public
 */
export interface RequestPermissionResource {
  request: CamundaEntraRequest;
  /** `ownedBy` targets of the request's entity; empty when it has none or does not exist yet. */
  entityOwners: string[];
}

/**
 * The query a rule translates to; requests are few per portal, so conditions are applied to
 * loaded requests and this only describes them.
 *
 * @public
 */
export interface RequestPermissionQuery {
  key: 'requester' | 'entityOwner';
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
