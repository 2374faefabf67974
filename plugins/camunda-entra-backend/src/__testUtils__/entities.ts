import { Entity } from '@backstage/catalog-model';
import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  clientIdAnnotation,
  deploymentEntityName,
} from '@camunda-entra/plugin-camunda-entra-common';

/** A deployment's catalog entity with the annotations the values generator writes. */
export function deploymentEntity(options: {
  deployment: string;
  tenantId: string;
  clients: Array<{ client: string; appId: string }>;
  owner?: string;
}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: deploymentEntityName(options.deployment),
      namespace: 'default',
      annotations: {
        [CAMUNDA_ENTRA_ANNOTATIONS.deployment]: options.deployment,
        [CAMUNDA_ENTRA_ANNOTATIONS.tenantId]: options.tenantId,
        [CAMUNDA_ENTRA_ANNOTATIONS.cloud]: 'global',
        [CAMUNDA_ENTRA_ANNOTATIONS.chart]: '8.9',
        ...Object.fromEntries(
          options.clients.map(({ client, appId }) => [
            clientIdAnnotation(client),
            appId,
          ]),
        ),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/payments-team',
    },
  };
}
