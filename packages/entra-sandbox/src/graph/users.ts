import { SandboxUser } from '../directory/store';
import { canReadGroups, requireUserRead } from './authorization';
import { GraphContext } from './context';
import {
  DIRECTORY_OBJECT_VIEW,
  directoryObject,
  findByKey,
  GROUP_TYPE,
  groupEntity,
  USER_VIEW,
  userEntity,
} from './directoryObjects';
import { collectionResult, getEntityResult } from './entities';
import { EntityKey } from './odata';
import { GraphCall, GraphResult } from './types';

/** Properties `$filter` takes on /users without advanced query parameters. */
const FILTERABLE = [
  'id',
  'accountEnabled',
  'displayName',
  'givenName',
  'surname',
  'jobTitle',
  'mail',
  'mailNickname',
  'userPrincipalName',
  'userType',
  'otherMails',
  'proxyAddresses',
];

/** `/users/{id | userPrincipalName}`: the caller's permission first, then the user. */
export function readableUser(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): SandboxUser {
  requireUserRead(call.caller);
  return findByKey(key, value => context.store.findUser(value));
}

function memberOf(context: GraphContext, call: GraphCall, userId: string) {
  const visible = canReadGroups(call.caller);
  return context.store.data.groups
    .filter(group => group.members.includes(userId))
    .map(group =>
      directoryObject(GROUP_TYPE, groupEntity(context, group), visible),
    );
}

function userView(context: GraphContext, call: GraphCall) {
  return {
    ...USER_VIEW,
    navigations: {
      memberOf: (value: Record<string, unknown>) =>
        memberOf(context, call, value.id as string),
      // Nobody has a manager in the sandbox; Graph then leaves the property out.
      manager: () => undefined,
    },
  };
}

export function listUsers(context: GraphContext, call: GraphCall): GraphResult {
  requireUserRead(call.caller);
  return collectionResult(context, call, {
    entitySet: 'users',
    type: userView(context, call),
    filterable: FILTERABLE,
    items: context.store.data.users.map(userEntity),
  });
}

export function getUser(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  return getEntityResult(context, call, 'users', userView(context, call), () =>
    userEntity(readableUser(context, call, key)),
  );
}

/** `/users/{id}/memberOf`: the user's groups (direct memberships). */
export function listUserMemberOf(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const user = readableUser(context, call, key);
  return collectionResult(context, call, {
    entitySet: `users/${user.id}/memberOf`,
    contextFragment: 'directoryObjects',
    type: DIRECTORY_OBJECT_VIEW,
    filterable: [],
    items: memberOf(context, call, user.id),
  });
}
