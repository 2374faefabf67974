import { ConflictError, InputError } from '@backstage/errors';
import {
  DeploymentClientKey,
  DeploymentSpec,
  RequestPlan,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { RequestStore } from '../database';
import { buildRequestPlan } from '../requests/plan';
import {
  assertRegistrationOwner,
  registrationOf,
} from '../requests/registrationOwner';
import { SecretSink } from '../sinks';
import { DeploymentEntity } from '../status';

/**
 * What a request to rotate one client's secret stores.
 */
export interface RotationPlan {
  /** The spec of the deployment's registration: namespace, Secret name, lifetime. */
  spec: DeploymentSpec;
  /** The registration's plan narrowed to the client, with this request's destination. */
  plan: RequestPlan;
  environment?: string;
  clients: Record<string, string>;
  objectIds: Record<string, string>;
}

const ONGOING = ['pending', 'approved', 'provisioning'];

/**
 * Plans the rotation of a deployment's client secret from the registration this portal
 * recorded for it, which says where the secret goes and which application to rotate.
 */
export async function planRotation(options: {
  store: RequestStore;
  sink: SecretSink;
  entity: DeploymentEntity;
  client: string;
  requestId: string;
}): Promise<RotationPlan> {
  const { store, entity, client } = options;
  const annotated = entity.clients.find(c => c.client === client);
  if (!annotated) {
    throw new InputError(`${entity.entityRef} has no Entra client ${client}`);
  }
  if (!entraSecretKey(client as DeploymentClientKey)) {
    throw new InputError(
      `${client} is a public client (single-page application): it has no client secret to rotate`,
    );
  }
  const registration = await store.findProvisioned({
    name: entity.deployment,
    tenantId: entity.tenantId,
  });
  const validation = registration && validateDeploymentSpec(registration.spec);
  if (!registration || !validation?.valid) {
    throw new ConflictError(
      `No registration of the deployment ${entity.deployment} is recorded in this portal, so where its secrets go is unknown; provision it through the portal first`,
    );
  }
  const appId = registration.clients[client];
  const objectId = registration.objectIds[client];
  if (!objectId || appId?.toLowerCase() !== annotated.appId.toLowerCase()) {
    throw new ConflictError(
      `The entity's client ID ${
        annotated.appId
      } for ${client} is not part of this deployment: the portal registered ${
        appId ?? 'no application'
      } for it`,
    );
  }
  const { spec } = validation;
  // An entity that merely names the deployment in its annotations does not own it.
  assertRegistrationOwner(registrationOf(registration), {
    deployment: entity.deployment,
    entityRef: entity.entityRef,
    namespace: spec.namespace,
  });
  const ongoing = (await store.list({ kind: 'rotate' })).find(
    request =>
      request.entityRef === entity.entityRef &&
      request.client === client &&
      ONGOING.includes(request.state),
  );
  if (ongoing) {
    throw new ConflictError(
      `A rotation of the ${client} secret is already ${ongoing.state} (request ${ongoing.id})`,
    );
  }
  const plan = buildRequestPlan(
    spec,
    options.sink.describe(
      {
        requestId: options.requestId,
        deployment: spec.name,
        namespace: spec.namespace,
        secretName: spec.secrets.entra,
      },
      'update',
    ),
    registrationOf(registration),
  );
  return {
    spec,
    plan: {
      ...plan,
      applications: plan.applications.filter(app => app.client === client),
    },
    environment: registration.environment,
    clients: { [client]: appId },
    objectIds: { [client]: objectId },
  };
}
