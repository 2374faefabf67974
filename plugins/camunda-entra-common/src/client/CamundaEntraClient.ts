import { ResponseError } from '@backstage/errors';
import type { CamundaEntraRequest } from '../requests/types';
import type { DeploymentEntraStatus } from '../status/types';
import type { SignInVerification } from '../verification';
import type {
  CamundaEntraApi,
  CamundaEntraRequestOptions,
  CreateRequestInput,
  ListRequestsFilter,
  RequestRepairInput,
  RequestSecretRotationInput,
  RequestTransferInput,
} from './types';

const PLUGIN_ID = 'camunda-entra';

/**
 * Client of the camunda-entra backend, usable in the browser and in backends.
 *
 * @public
 */
export class CamundaEntraClient implements CamundaEntraApi {
  private readonly discoveryApi: {
    getBaseUrl(pluginId: string): Promise<string>;
  };
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  async listRequests(
    filter?: ListRequestsFilter,
    options?: CamundaEntraRequestOptions,
  ): Promise<{ items: CamundaEntraRequest[] }> {
    const query = new URLSearchParams();
    if (filter?.state) query.set('state', filter.state);
    if (filter?.kind) query.set('kind', filter.kind);
    const suffix = query.size ? `?${query}` : '';
    return this.call('GET', `/requests${suffix}`, undefined, options);
  }

  async getRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('GET', requestPath(id), undefined, options);
  }

  async createRequest(
    input: CreateRequestInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', '/requests', input, options);
  }

  async approveRequest(
    id: string,
    input?: { comment?: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call(
      'POST',
      `${requestPath(id)}/approve`,
      input ?? {},
      options,
    );
  }

  async rejectRequest(
    id: string,
    input: { comment: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', `${requestPath(id)}/reject`, input, options);
  }

  async retryRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', `${requestPath(id)}/retry`, {}, options);
  }

  async requestSecretRotation(
    input: RequestSecretRotationInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call(
      'POST',
      '/requests',
      { kind: 'rotate', ...input },
      options,
    );
  }

  async requestRepair(
    input: RequestRepairInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call(
      'POST',
      '/requests',
      { kind: 'repair', ...input },
      options,
    );
  }

  async requestTransfer(
    input: RequestTransferInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call(
      'POST',
      '/requests',
      { kind: 'transfer', ...input },
      options,
    );
  }

  async getEntityStatus(
    entityRef: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<DeploymentEntraStatus> {
    const query = new URLSearchParams({ entityRef });
    return this.call('GET', `/status?${query}`, undefined, options);
  }

  async verifySignIn(
    entityRef: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<SignInVerification> {
    return this.call('POST', '/verifications', { entityRef }, options);
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options?: CamundaEntraRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function requestPath(id: string): string {
  return `/requests/${encodeURIComponent(id)}`;
}
