import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { DeploymentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import useAsync from 'react-use/esm/useAsync';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';

/** The Entra status of the current entity, as it loads. */
export type EntityEntraStatus = {
  entityRef: string;
  status?: DeploymentEntraStatus;
  loading: boolean;
  error?: Error;
};

/**
 * Reads the Entra status of the entity in context once per mount; the overview card and the
 * Entra tab both show it.
 */
export function useEntityEntraStatus(): EntityEntraStatus {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(camundaEntraApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEntityStatus(entityRef),
    [api, entityRef],
  );
  return { entityRef, status: value, loading, error };
}
