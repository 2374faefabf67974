import { ResponseError } from '@backstage/errors';
import type { ExpiryTimeline, FleetPage, FleetQuery } from '../fleet/types';
import type { CamundaEntraRequest } from '../requests/types';
import type { DeploymentEntraStatus } from '../status/types';
import type { SignInVerification } from '../verification';
import type {
  AdoptionCandidate,
  CamundaEntraApi,
  CamundaEntraRequestOptions,
  CreateRequestInput,
  ListRequestsFilter,
  RequestRepairInput,
  RequestSecretRotationInput,
  RequestTransferInput,
  RequestUpgradeInput,
} from './types';

const PLUGIN_ID = 'camunda-entra';

/**
 * What the client of the camunda-entra backend needs: where the backend is, and how to fetch
 * (the frontend's fetchApi adds the user's token; backends pass a token per call instead).
 *
 * @public
 */
export interface CamundaEntraClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Default: the global fetch. */
  fetchApi?: { fetch: typeof fetch };
}

class CamundaEntraClient implements CamundaEntraApi {
  private readonly discoveryApi: CamundaEntraClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: CamundaEntraClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** {@inheritDoc CamundaEntraApi.listRequests} */
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

  /** {@inheritDoc CamundaEntraApi.listDeployments} */
  async listDeployments(
    query: FleetQuery = {},
    options?: CamundaEntraRequestOptions,
  ): Promise<FleetPage> {
    const params = new URLSearchParams();
    if (query.health?.length) params.set('health', query.health.join(','));
    if (query.owner) params.set('owner', query.owner);
    if (query.expiringWithinDays !== undefined) {
      params.set('expiringWithinDays', String(query.expiringWithinDays));
    }
    if (query.expiring) {
      params.set('expiringFrom', query.expiring.from);
      params.set('expiringTo', query.expiring.to);
    }
    if (query.search) params.set('search', query.search);
    if (query.sort) params.set('sort', query.sort);
    if (query.order) params.set('order', query.order);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const suffix = params.size ? `?${params}` : '';
    return this.call('GET', `/deployments${suffix}`, undefined, options);
  }

  /** {@inheritDoc CamundaEntraApi.getExpiryTimeline} */
  async getExpiryTimeline(
    options?: CamundaEntraRequestOptions,
  ): Promise<ExpiryTimeline> {
    return this.call('GET', '/deployments/expiry-timeline', undefined, options);
  }

  /** {@inheritDoc CamundaEntraApi.findAdoptionCandidates} */
  async findAdoptionCandidates(
    input: { displayName: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<{ items: AdoptionCandidate[] }> {
    const query = new URLSearchParams({ displayName: input.displayName });
    return this.call(
      'GET',
      `/adoption/candidates?${query}`,
      undefined,
      options,
    );
  }

  /** {@inheritDoc CamundaEntraApi.getRequest} */
  async getRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('GET', requestPath(id), undefined, options);
  }

  /** {@inheritDoc CamundaEntraApi.createRequest} */
  async createRequest(
    input: CreateRequestInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', '/requests', input, options);
  }

  /** {@inheritDoc CamundaEntraApi.approveRequest} */
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

  /** {@inheritDoc CamundaEntraApi.rejectRequest} */
  async rejectRequest(
    id: string,
    input: { comment: string },
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', `${requestPath(id)}/reject`, input, options);
  }

  /** {@inheritDoc CamundaEntraApi.retryRequest} */
  async retryRequest(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', `${requestPath(id)}/retry`, {}, options);
  }

  /** {@inheritDoc CamundaEntraApi.requestSecretRotation} */
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

  /** {@inheritDoc CamundaEntraApi.requestRepair} */
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

  /** {@inheritDoc CamundaEntraApi.requestUpgrade} */
  async requestUpgrade(
    input: RequestUpgradeInput,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call(
      'POST',
      '/requests',
      { kind: 'upgrade', ...input },
      options,
    );
  }

  /** {@inheritDoc CamundaEntraApi.finishUpgrade} */
  async finishUpgrade(
    id: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<CamundaEntraRequest> {
    return this.call('POST', `${requestPath(id)}/finish`, {}, options);
  }

  /** {@inheritDoc CamundaEntraApi.requestTransfer} */
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

  /** {@inheritDoc CamundaEntraApi.getEntityStatus} */
  async getEntityStatus(
    entityRef: string,
    options?: CamundaEntraRequestOptions,
  ): Promise<DeploymentEntraStatus> {
    const query = new URLSearchParams({ entityRef });
    return this.call('GET', `/status?${query}`, undefined, options);
  }

  /** {@inheritDoc CamundaEntraApi.verifySignIn} */
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

/**
 * The HTTP client of the camunda-entra backend, usable in the browser and in backends. The
 * interface is the contract, so the class stays out of the public API.
 *
 * @public
 */
export function createCamundaEntraClient(
  options: CamundaEntraClientOptions,
): CamundaEntraApi {
  return new CamundaEntraClient(options);
}

function requestPath(id: string): string {
  return `/requests/${encodeURIComponent(id)}`;
}
