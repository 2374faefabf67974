import { SandboxGroup } from '../directory/store';
import { canReadUsers, requireGroupRead } from './authorization';
import { GraphContext } from './context';
import {
  DIRECTORY_OBJECT_VIEW,
  directoryObject,
  findByKey,
  groupEntity,
  USER_TYPE,
  USER_VIEW,
  userEntity,
} from './directoryObjects';
import { collectionResult, getEntityResult } from './entities';
import { EntityKey } from './odata';
import { GROUP } from './schema';
import { GraphCall, GraphResult } from './types';

/** Properties `$filter` takes on /groups without advanced query parameters. */
const FILTERABLE = [
  'id',
  'displayName',
  'mail',
  'mailEnabled',
  'mailNickname',
  'securityEnabled',
  'groupTypes',
  'proxyAddresses',
];

export function readableGroup(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): SandboxGroup {
  requireGroupRead(call.caller);
  return findByKey(key, value => context.store.findGroup(value));
}

/** Member users, with only their id when the caller may not read users (as Graph does). */
function members(context: GraphContext, call: GraphCall, group: SandboxGroup) {
  const visible = canReadUsers(call.caller);
  return group.members.flatMap(id => {
    const user = context.store.findUser(id);
    return user ? [directoryObject(USER_TYPE, userEntity(user), visible)] : [];
  });
}

function groupView(context: GraphContext, call: GraphCall) {
  return {
    type: GROUP,
    navigations: {
      members: (value: Record<string, unknown>) =>
        members(context, call, context.store.findGroup(value.id as string)!),
    },
  };
}

export function listGroups(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  requireGroupRead(call.caller);
  return collectionResult(context, call, {
    entitySet: 'groups',
    type: groupView(context, call),
    filterable: FILTERABLE,
    items: context.store.data.groups.map(group => groupEntity(context, group)),
  });
}

export function getGroup(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  return getEntityResult(
    context,
    call,
    'groups',
    groupView(context, call),
    () => groupEntity(context, readableGroup(context, call, key)),
  );
}

/**
 * `/groups/{id}/members`: direct members as directoryObjects with `@odata.type`; with the
 * OData cast `/members/microsoft.graph.user`, only the users.
 */
function memberCollection(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
  castToUsers: boolean,
): GraphResult {
  const group = readableGroup(context, call, key);
  const items = members(context, call, group);
  return collectionResult(context, call, {
    entitySet: `groups/${group.id}/members${
      castToUsers ? '/microsoft.graph.user' : ''
    }`,
    contextFragment: castToUsers ? 'users' : 'directoryObjects',
    type: castToUsers ? USER_VIEW : DIRECTORY_OBJECT_VIEW,
    filterable: [],
    items: castToUsers
      ? items.filter(member => member['@odata.type'] === USER_TYPE)
      : items,
  });
}

export const listGroupMembers = (
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
) => memberCollection(context, call, key, false);

export const listGroupUserMembers = (
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
) => memberCollection(context, call, key, true);
