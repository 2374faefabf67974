import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CamundaEntraRequest,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useInterval from 'react-use/esm/useInterval';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';

export const POLL_INTERVAL_MS = 5000;

const SETTLING_STATES: RequestState[] = ['approved', 'provisioning'];

/**
 * Loads one request and keeps it current: provisioning runs in the backend after approval,
 * so the request is polled until it settles. `setRequest` takes the answer of a decision.
 */
export function useRequest(id: string) {
  const api = useApi(camundaEntraApiRef);
  const [request, setRequest] = useState<CamundaEntraRequest>();
  const [{ error }, load] = useAsyncFn(
    async () => setRequest(await api.getRequest(id)),
    [api, id],
  );

  useEffect(() => {
    setRequest(undefined);
    load();
  }, [load]);

  useInterval(
    load,
    request && SETTLING_STATES.includes(request.state)
      ? POLL_INTERVAL_MS
      : null,
  );

  return { request, error, setRequest };
}
