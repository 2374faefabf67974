/** The automation identity a Graph request's access token was issued to. */
export interface Caller {
  appId: string;
  servicePrincipalId: string;
  roles: string[];
}

/**
 * One Graph request, whether it came over HTTPS or inside a `$batch`: the path is relative to
 * the version segment, e.g. `/applications(uniqueName='x')`.
 */
export interface GraphCall {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  caller: Caller;
}

export interface GraphResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Application permissions (app roles) of Microsoft Graph the sandbox enforces. */
export const GRAPH_ROLES = {
  applicationReadAll: 'Application.Read.All',
  applicationReadWriteAll: 'Application.ReadWrite.All',
  applicationReadWriteOwnedBy: 'Application.ReadWrite.OwnedBy',
  delegatedPermissionGrantReadWriteAll:
    'DelegatedPermissionGrant.ReadWrite.All',
  userReadAll: 'User.Read.All',
  groupMemberReadAll: 'GroupMember.Read.All',
  groupReadAll: 'Group.Read.All',
  organizationReadAll: 'Organization.Read.All',
  directoryReadAll: 'Directory.Read.All',
} as const;
