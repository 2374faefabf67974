import { ConflictError, InputError } from '@backstage/errors';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { RequestStore } from '../database/RequestStore';
import { buildRequestPlan } from '../provisioning/requestPlan';
import {
  assertNoneOngoing,
  EntityRequestPlan,
  recordedRegistration,
} from '../registrations/entityRequests';
import { registrationOf } from '../registrations/registrationOwner';
import {
  SecretSink,
  sinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';
import { DeploymentEntity } from '../catalog/deploymentEntity';

/**
 * What a request to rotate one client's secret stores: the registration's plan narrowed to
 * the client, with this request's destination.
 */
export type RotationPlan = EntityRequestPlan;

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
  const { registration, spec } = await recordedRegistration(
    store,
    entity,
    'where its secrets go',
  );
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
  await assertNoneOngoing(
    store,
    { kind: 'rotate', entityRef: entity.entityRef, client },
    `A rotation of the ${client} secret`,
  );
  const plan = buildRequestPlan(
    spec,
    options.sink.describe(sinkTarget(options.requestId, spec), 'update'),
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
