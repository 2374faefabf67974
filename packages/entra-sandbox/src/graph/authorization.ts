import { DirectoryRecord } from '../directory/store';
import { forbidden } from './errors';
import { Caller, GRAPH_ROLES } from './types';

const has = (caller: Caller, ...roles: string[]) =>
  roles.some(role => caller.roles.includes(role));

function requireAny(caller: Caller, ...roles: string[]) {
  if (!has(caller, ...roles)) {
    throw forbidden();
  }
}

const owns = (caller: Caller, record: DirectoryRecord) =>
  record.owners.includes(caller.servicePrincipalId);

/**
 * Application.ReadWrite.OwnedBy sees and changes only the objects its identity owns (it
 * becomes owner of what it creates); the .All permissions see everything.
 */
export function canReadApplication(caller: Caller, record: DirectoryRecord) {
  return (
    has(
      caller,
      GRAPH_ROLES.applicationReadAll,
      GRAPH_ROLES.applicationReadWriteAll,
    ) ||
    (has(caller, GRAPH_ROLES.applicationReadWriteOwnedBy) &&
      owns(caller, record))
  );
}

export function requireApplicationWrite(
  caller: Caller,
  record?: DirectoryRecord,
) {
  if (has(caller, GRAPH_ROLES.applicationReadWriteAll)) {
    return;
  }
  if (
    has(caller, GRAPH_ROLES.applicationReadWriteOwnedBy) &&
    (!record || owns(caller, record))
  ) {
    return;
  }
  throw forbidden();
}

/** Any application permission lets a caller read service principals (e.g. Microsoft Graph's). */
export function requireServicePrincipalRead(caller: Caller) {
  requireAny(
    caller,
    GRAPH_ROLES.applicationReadAll,
    GRAPH_ROLES.applicationReadWriteAll,
    GRAPH_ROLES.applicationReadWriteOwnedBy,
  );
}

export function requireGrantRead(caller: Caller) {
  requireAny(
    caller,
    GRAPH_ROLES.delegatedPermissionGrantReadWriteAll,
    'DelegatedPermissionGrant.Read.All',
    'Directory.Read.All',
  );
}

export function requireGrantWrite(caller: Caller) {
  requireAny(caller, GRAPH_ROLES.delegatedPermissionGrantReadWriteAll);
}

/** Application permissions that let a caller read users (profiles, memberships, photos). */
export const canReadUsers = (caller: Caller) =>
  has(
    caller,
    GRAPH_ROLES.userReadAll,
    'User.ReadWrite.All',
    GRAPH_ROLES.directoryReadAll,
    'Directory.ReadWrite.All',
  );

/** Application permissions that let a caller read groups and their members. */
export const canReadGroups = (caller: Caller) =>
  has(
    caller,
    GRAPH_ROLES.groupMemberReadAll,
    GRAPH_ROLES.groupReadAll,
    'Group.ReadWrite.All',
    GRAPH_ROLES.directoryReadAll,
    'Directory.ReadWrite.All',
  );

export function requireUserRead(caller: Caller) {
  if (!canReadUsers(caller)) {
    throw forbidden();
  }
}

export function requireGroupRead(caller: Caller) {
  if (!canReadGroups(caller)) {
    throw forbidden();
  }
}

/**
 * Graph documents Organization.Read.All and Directory.Read.All; the sandbox also lets
 * User.Read.All read the organization, since the catalog's msgraph module reads it with
 * only User.Read.All and GroupMember.Read.All granted.
 */
export function requireOrganizationRead(caller: Caller) {
  requireAny(
    caller,
    GRAPH_ROLES.organizationReadAll,
    GRAPH_ROLES.directoryReadAll,
    GRAPH_ROLES.userReadAll,
  );
}
