import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  camundaEntraRequestReadPermission,
  CamundaEntraRequest,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  camundaEntraRequestPermissionResourceRef,
  RequestPermissionResource,
} from '@camunda-entra/plugin-camunda-entra-node';
import { RequestStore } from '../database/RequestStore';

/**
 * Decides which requests a caller may read (`camunda-entra.request.read`), applying
 * conditional decisions to the loaded requests with the recorded owners of their deployments.
 */
export class RequestReadAccess {
  static create(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    /** Where the deployments' owners are recorded. */
    store: Pick<RequestStore, 'getDeployment'>;
  }): RequestReadAccess {
    return new RequestReadAccess(options);
  }

  private constructor(
    private readonly options: {
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      store: Pick<RequestStore, 'getDeployment'>;
    },
  ) {}

  /** The requests the caller may read, in their order. */
  async filter<T extends CamundaEntraRequest>(
    requests: T[],
    credentials: BackstageCredentials,
  ): Promise<T[]> {
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission: camundaEntraRequestReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return requests;
    }
    if (decision.result === AuthorizeResult.DENY || requests.length === 0) {
      return [];
    }
    const authorize = createConditionAuthorizer(
      this.options.permissionsRegistry.getPermissionRuleset(
        camundaEntraRequestPermissionResourceRef,
      ),
    );
    const resources = await this.resourcesOf(requests);
    return requests.filter((_, index) => authorize(decision, resources[index]));
  }

  /**
   * The requests as the rules see them (undefined stays undefined: an unknown request): with
   * their deployment's recorded owner now, the owner their plan named and a transfer's new
   * owner. Never the owner of a catalog entity, which whoever registers it chooses.
   */
  async resourcesOf(
    requests: Array<CamundaEntraRequest | undefined>,
  ): Promise<Array<RequestPermissionResource | undefined>> {
    const recorded = new Map<string, Promise<string | undefined>>();
    const ownerNow = (name: string, tenantId: string) => {
      const key = `${tenantId.toLowerCase()}/${name}`;
      if (!recorded.has(key)) {
        recorded.set(
          key,
          this.options.store
            .getDeployment({ name, tenantId })
            .then(record => record?.owner),
        );
      }
      return recorded.get(key)!;
    };
    return Promise.all(
      requests.map(async request => {
        if (!request) {
          return undefined;
        }
        // A stored spec that no longer validates is not asked for its deployment: its
        // plan's owners still read it.
        const now = request.specProblems
          ? undefined
          : await ownerNow(request.spec.name, request.spec.tenant.id);
        const { ownership } = request.plan;
        const owners = [now, ownership?.owner, ownership?.transferTo].filter(
          (owner): owner is string => !!owner,
        );
        return { request, owners };
      }),
    );
  }
}
