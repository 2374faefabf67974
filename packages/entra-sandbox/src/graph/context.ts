import { RequestCounters } from '../counters';
import { EntraSandboxOrganization } from '../directory/directoryFile';
import { DirectoryRecord, DirectoryStore } from '../directory/store';
import { FaultInjector } from '../faults';
import { Throttling } from '../throttling';

/** What every Graph handler works with. */
export interface GraphContext {
  store: DirectoryStore;
  counters: RequestCounters;
  faults: FaultInjector;
  throttling: Throttling;
  tenantId: string;
  /** The tenant's organization object, for `/organization` and group mail addresses. */
  organization: EntraSandboxOrganization;
  /** Graph base with version, e.g. `https://127.0.0.1:7443/v1.0`, for OData links. */
  versionUrl: string;
  now(): number;
  /** Tenant app-management policy: the longest password credential lifetime allowed. */
  maxPasswordLifetimeDays?: number;
  /** Most items per page, whatever `$top` asks for. */
  maxPageSize?: number;
}

export function isReplicated(context: GraphContext, record: DirectoryRecord) {
  return record.replicatedAt <= context.now();
}

export function isoNow(context: GraphContext): string {
  return new Date(context.now()).toISOString();
}
