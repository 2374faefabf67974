import { EntraSandboxCounters, RequestCounters } from './counters';
import {
  DirectoryStore,
  Entity,
  SandboxGroup,
  SandboxUser,
} from './directory/store';
import {
  EntraSandboxFaults,
  EntraSandboxInjectedError,
  FaultInjector,
} from './faults';
import { OidcEndpoints } from './oidc/endpoints';

/**
 * Control of a running sandbox for tests, benchmarks and demos. The same operations are
 * served over HTTPS under `/_sandbox/`.
 *
 * @public
 */
export interface EntraSandboxAdmin {
  /** Replaces the standing faults (latency, replication delay, 5xx rates). */
  setFaults(faults: EntraSandboxFaults): void;
  getFaults(): EntraSandboxFaults;
  /** Queues an error for the next matching Graph requests, e.g. a burst of 429s. */
  injectError(error: EntraSandboxInjectedError): void;
  clearInjectedErrors(): void;
  counters(): EntraSandboxCounters;
  resetCounters(): void;
  /** Copies of the directory's objects, as Graph would return them. */
  directory(): {
    applications: Entity[];
    servicePrincipals: Entity[];
    oauth2PermissionGrants: Entity[];
    users: SandboxUser[];
    groups: SandboxGroup[];
  };
  /** Owners (object IDs) of an application. */
  applicationOwners(objectId: string): string[];
  /** Deletes every object created through Graph; identities and Microsoft Graph stay. */
  resetDirectory(): void;
  /** A federated token (as a workload identity platform projects) for `federatedSubject`. */
  issueFederatedToken(subject: string): Promise<string>;
}

export class SandboxAdmin implements EntraSandboxAdmin {
  constructor(
    private readonly deps: {
      faults: FaultInjector;
      counters: RequestCounters;
      store: DirectoryStore;
      oidc: OidcEndpoints;
      /** App IDs of objects seeded at start, which a reset keeps. */
      seededAppIds: string[];
    },
  ) {}

  setFaults(faults: EntraSandboxFaults) {
    this.deps.faults.set(faults);
  }

  getFaults() {
    return this.deps.faults.current;
  }

  injectError(error: EntraSandboxInjectedError) {
    this.deps.faults.inject(error);
  }

  clearInjectedErrors() {
    this.deps.faults.clear();
  }

  counters() {
    return this.deps.counters.snapshot();
  }

  resetCounters() {
    this.deps.counters.reset();
  }

  directory() {
    const { data } = this.deps.store;
    return structuredClone({
      applications: data.applications.map(r => r.entity),
      servicePrincipals: data.servicePrincipals.map(r => r.entity),
      oauth2PermissionGrants: data.oauth2PermissionGrants.map(r => r.entity),
      users: data.users,
      groups: data.groups,
    });
  }

  applicationOwners(objectId: string) {
    return [
      ...(this.deps.store.findApplication({ property: 'id', value: objectId })
        ?.owners ?? []),
    ];
  }

  resetDirectory() {
    const { data } = this.deps.store;
    const seeded = (appId: unknown) =>
      this.deps.seededAppIds.includes(appId as string);
    data.applications = data.applications.filter(r => seeded(r.entity.appId));
    data.servicePrincipals = data.servicePrincipals.filter(r =>
      seeded(r.entity.appId),
    );
    data.oauth2PermissionGrants = [];
    this.deps.store.changed();
  }

  issueFederatedToken(subject: string) {
    return this.deps.oidc.issueFederatedToken(subject);
  }

  /** `/_sandbox/...` over HTTPS; undefined for an unknown route. */
  async handleHttp(
    method: string,
    route: string,
    body: any,
  ): Promise<{ status: number; body?: unknown } | undefined> {
    switch (`${method} ${route}`) {
      case 'GET counters':
        return { status: 200, body: this.counters() };
      case 'POST counters/reset':
        this.resetCounters();
        return { status: 204 };
      case 'GET faults':
        return { status: 200, body: this.getFaults() };
      case 'PUT faults':
        this.setFaults(body ?? {});
        return { status: 200, body: this.getFaults() };
      case 'POST errors':
        if (typeof body?.status !== 'number') {
          return {
            status: 400,
            body: { error: 'status (number) is required' },
          };
        }
        this.injectError(body);
        return { status: 204 };
      case 'DELETE errors':
        this.clearInjectedErrors();
        return { status: 204 };
      case 'GET directory':
        return { status: 200, body: this.directory() };
      case 'POST directory/reset':
        this.resetDirectory();
        return { status: 204 };
      case 'POST federated-token':
        return {
          status: 200,
          body: { token: await this.issueFederatedToken(body?.subject) },
        };
      default:
        return undefined;
    }
  }
}
