import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  ENTRA_CLIENT_KEYS,
  ENTRA_CLOUDS,
  EntraClientKey,
  EntraCloud,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * A Camunda deployment's catalog entity, as its annotations (written by the values
 * generator) describe it.
 */
export interface DeploymentEntity {
  entityRef: string;
  deployment: string;
  tenantId?: string;
  cloud: EntraCloud;
  /** One per client-id annotation, in the order the guide lists the applications. */
  clients: Array<{ client: string; appId: string }>;
  /** spec.owner as a full entity ref (a bare name is a group in the entity's namespace). */
  owner?: string;
}

const order = (client: string) => {
  const index = ENTRA_CLIENT_KEYS.indexOf(client as EntraClientKey);
  return index < 0 ? ENTRA_CLIENT_KEYS.length : index;
};

/**
 * Reads a deployment from an entity; undefined when the entity is not a Camunda deployment.
 */
export function readDeploymentEntity(
  entity: Entity,
): DeploymentEntity | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const deployment = annotations[CAMUNDA_ENTRA_ANNOTATIONS.deployment];
  if (!deployment) {
    return undefined;
  }
  const cloud = annotations[CAMUNDA_ENTRA_ANNOTATIONS.cloud] as EntraCloud;
  const owner = entity.spec?.owner;
  return {
    entityRef: stringifyEntityRef(entity),
    deployment,
    tenantId: annotations[CAMUNDA_ENTRA_ANNOTATIONS.tenantId],
    cloud: ENTRA_CLOUDS.includes(cloud) ? cloud : 'global',
    clients: Object.entries(annotations)
      .filter(([key]) =>
        key.startsWith(CAMUNDA_ENTRA_ANNOTATIONS.clientIdPrefix),
      )
      .map(([key, appId]) => ({
        client: key.slice(CAMUNDA_ENTRA_ANNOTATIONS.clientIdPrefix.length),
        appId,
      }))
      .sort((a, b) => order(a.client) - order(b.client)),
    ...(typeof owner === 'string' && {
      owner: stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ),
    }),
  };
}

/**
 * Fetches a deployment's entity with the caller's credentials, so that only callers who may
 * read the entity get anything; an entity they may not see is as absent as a missing one.
 * Given the portal's tenant, an entity annotated with another tenant is as absent too (this
 * portal registered nothing there), and one without the annotation is in the portal's.
 */
export async function getDeploymentEntity(
  catalog: CatalogService,
  entityRef: string,
  credentials: BackstageCredentials,
  portalTenantId?: string,
): Promise<DeploymentEntity> {
  let ref: string;
  try {
    ref = stringifyEntityRef(parseEntityRef(entityRef));
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref}`);
  }
  const deployment = readDeploymentEntity(entity);
  if (!deployment) {
    throw new NotFoundError(
      `${ref} is not a Camunda deployment (no ${CAMUNDA_ENTRA_ANNOTATIONS.deployment} annotation)`,
    );
  }
  if (!portalTenantId) {
    return deployment;
  }
  if (
    deployment.tenantId &&
    deployment.tenantId.toLowerCase() !== portalTenantId.toLowerCase()
  ) {
    throw new NotFoundError(
      `${ref} is a deployment of another tenant (${CAMUNDA_ENTRA_ANNOTATIONS.tenantId} ${deployment.tenantId}) than this portal's`,
    );
  }
  return { ...deployment, tenantId: portalTenantId };
}
