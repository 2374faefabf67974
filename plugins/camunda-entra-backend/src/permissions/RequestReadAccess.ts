import {
  AuthService,
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { RELATION_OWNED_BY } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
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

/**
 * Decides which requests a caller may read (`camunda-entra.request.read`), applying
 * conditional decisions to the loaded requests with the owners of their entities.
 *
 * @public
 */
export class RequestReadAccess {
  static create(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
    catalog: CatalogService;
    auth: AuthService;
  }): RequestReadAccess {
    return new RequestReadAccess(options);
  }

  private constructor(
    private readonly options: {
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      catalog: CatalogService;
      auth: AuthService;
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
   * The requests as the rules see them (undefined stays undefined: an unknown request); entity
   * owners are read with the plugin's own credentials.
   */
  async resourcesOf(
    requests: Array<CamundaEntraRequest | undefined>,
  ): Promise<Array<RequestPermissionResource | undefined>> {
    const entityRefs = [
      ...new Set(
        requests.flatMap(r =>
          r?.entityRef ? [r.entityRef.toLowerCase()] : [],
        ),
      ),
    ];
    const owners = new Map<string, string[]>();
    if (entityRefs.length > 0) {
      const { items } = await this.options.catalog.getEntitiesByRefs(
        { entityRefs, fields: ['relations'] },
        { credentials: await this.options.auth.getOwnServiceCredentials() },
      );
      items.forEach((entity, index) =>
        owners.set(
          entityRefs[index],
          (entity?.relations ?? [])
            .filter(relation => relation.type === RELATION_OWNED_BY)
            .map(relation => relation.targetRef),
        ),
      );
    }
    return requests.map(
      request =>
        request && {
          request,
          entityOwners:
            owners.get(request.entityRef?.toLowerCase() ?? '') ?? [],
        },
    );
  }
}
