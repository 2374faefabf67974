/**
 * What the sandbox has served since it started or since the counters were last reset.
 *
 * @public
 */
export interface EntraSandboxCounters {
  /** HTTP requests to the OIDC and Graph endpoints (admin calls excluded). */
  requests: number;
  tokenRequests: number;
  /** HTTP requests to Graph; a `$batch` counts once. */
  graphRequests: number;
  /** Graph operations, counting each request inside a `$batch`. */
  graphOperations: number;
  /** Operations by method and route, e.g. `PATCH applications(uniqueName)`. */
  byOperation: Record<string, number>;
  /** Graph responses by status code (batch items included). */
  byStatus: Record<string, number>;
  /** Objects created. */
  created: {
    applications: number;
    servicePrincipals: number;
    oauth2PermissionGrants: number;
    passwordCredentials: number;
  };
}

export type CreatedKind = keyof EntraSandboxCounters['created'];

function zero(): EntraSandboxCounters {
  return {
    requests: 0,
    tokenRequests: 0,
    graphRequests: 0,
    graphOperations: 0,
    byOperation: {},
    byStatus: {},
    created: {
      applications: 0,
      servicePrincipals: 0,
      oauth2PermissionGrants: 0,
      passwordCredentials: 0,
    },
  };
}

export class RequestCounters {
  private counters = zero();

  snapshot(): EntraSandboxCounters {
    return structuredClone(this.counters);
  }

  reset() {
    this.counters = zero();
  }

  /** Counts an HTTP request; discovery and JWKS count only in the total. */
  request(kind: 'token' | 'graph' | 'other') {
    this.counters.requests += 1;
    if (kind === 'token') {
      this.counters.tokenRequests += 1;
    } else if (kind === 'graph') {
      this.counters.graphRequests += 1;
    }
  }

  operation(name: string) {
    this.counters.graphOperations += 1;
    this.counters.byOperation[name] =
      (this.counters.byOperation[name] ?? 0) + 1;
  }

  status(status: number) {
    const key = String(status);
    this.counters.byStatus[key] = (this.counters.byStatus[key] ?? 0) + 1;
  }

  created(kind: CreatedKind) {
    this.counters.created[kind] += 1;
  }
}
