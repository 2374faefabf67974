import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE } from '@camunda-entra/plugin-camunda-entra-common';
import { DeploymentPermissionResource } from '@camunda-entra/plugin-camunda-entra-node';
import { DeploymentRecord, RequestStore } from '../database/RequestStore';

type DeploymentPermission = ResourcePermission<
  typeof CAMUNDA_ENTRA_DEPLOYMENT_RESOURCE_TYPE
>;

/**
 * Decides what a caller may do to a deployment by the owner this portal recorded for it
 * (`camunda-entra.status.read`, `camunda-entra.secret.rotate`): the permission's resource is
 * the recorded deployment, found by the ref of the entity it was requested for, so an entity
 * someone else registered for the same deployment name owns nothing.
 */
export class DeploymentAccess {
  static create(options: {
    permissions: PermissionsService;
    store: Pick<RequestStore, 'getDeploymentOfEntity'>;
  }): DeploymentAccess {
    return new DeploymentAccess(options);
  }

  private constructor(
    private readonly options: {
      permissions: PermissionsService;
      store: Pick<RequestStore, 'getDeploymentOfEntity'>;
    },
  ) {}

  /**
   * Throws a NotAllowedError naming the recorded owner unless the caller holds the permission
   * on the deployment of the entity.
   */
  async assertAllowed(
    permission: DeploymentPermission,
    entityRef: string,
    credentials: BackstageCredentials,
    refusal: string,
  ): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return;
    }
    const record = await this.options.store.getDeploymentOfEntity(entityRef);
    throw new NotAllowedError(
      `${refusal}: ${ownedBy(record)} (permission ${permission.name})`,
    );
  }

  /** The deployments as the rules see them, for the permissions registry (by entity ref). */
  async resourcesOf(
    entityRefs: string[],
  ): Promise<Array<DeploymentPermissionResource | undefined>> {
    return Promise.all(
      entityRefs.map(async entityRef => {
        const record = await this.options.store.getDeploymentOfEntity(
          entityRef,
        );
        return (
          record && {
            entityRef,
            deployment: record.deployment,
            ...(record.owner && { owner: record.owner }),
          }
        );
      }),
    );
  }
}

/** Who owns a deployment, in words, for refusals. */
export function ownedBy(record: DeploymentRecord | undefined): string {
  if (!record) {
    return 'no deployment is recorded for it in this portal, so only approvers may';
  }
  return record.owner
    ? `the deployment ${record.deployment} is owned by ${record.owner}; only its members and approvers may`
    : `the deployment ${record.deployment} was registered before owners were recorded; only approvers may, until one transfers it to its owner`;
}
