import {
  addOwner,
  addPassword,
  createApplication,
  deleteApplication,
  getApplication,
  listApplications,
  listOwners,
  patchApplication,
  removePassword,
} from './applications';
import { GraphContext } from './context';
import { badRequest, GraphHttpError } from './errors';
import {
  createGrant,
  deleteGrant,
  getGrant,
  listGrants,
  patchGrant,
} from './oauth2PermissionGrants';
import {
  getGroup,
  listGroupMembers,
  listGroups,
  listGroupUserMembers,
} from './groups';
import { EntityKey, ODataPath, parseODataPath } from './odata';
import { getOrganization, listOrganization } from './organization';
import { groupPhoto, userPhoto } from './photos';
import {
  createServicePrincipal,
  deleteServicePrincipal,
  getServicePrincipal,
  listServicePrincipals,
} from './servicePrincipals';
import { GraphCall, GraphResult } from './types';
import { getUser, listUserMemberOf, listUsers } from './users';

type CollectionHandler = (
  context: GraphContext,
  call: GraphCall,
) => GraphResult;
type EntityHandler = (
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
) => GraphResult;

interface Routes {
  collection: Record<string, CollectionHandler>;
  /** Keyed by sub-path ('' for the entity itself; '*' matches one segment) then method. */
  entity: Record<string, Record<string, EntityHandler>>;
}

const ROUTES: Record<string, Routes> = {
  applications: {
    collection: { GET: listApplications, POST: createApplication },
    entity: {
      '': {
        GET: getApplication,
        PATCH: patchApplication,
        DELETE: deleteApplication,
      },
      addPassword: { POST: addPassword },
      removePassword: { POST: removePassword },
      owners: { GET: listOwners },
      'owners/$ref': { POST: addOwner },
    },
  },
  servicePrincipals: {
    collection: { GET: listServicePrincipals, POST: createServicePrincipal },
    entity: {
      '': { GET: getServicePrincipal, DELETE: deleteServicePrincipal },
    },
  },
  oauth2PermissionGrants: {
    collection: { GET: listGrants, POST: createGrant },
    entity: { '': { GET: getGrant, PATCH: patchGrant, DELETE: deleteGrant } },
  },
  users: {
    collection: { GET: listUsers },
    entity: {
      '': { GET: getUser },
      memberOf: { GET: listUserMemberOf },
      ...photoRoutes(userPhoto),
    },
  },
  groups: {
    collection: { GET: listGroups },
    entity: {
      '': { GET: getGroup },
      members: { GET: listGroupMembers },
      'members/microsoft.graph.user': { GET: listGroupUserMembers },
      ...photoRoutes(groupPhoto),
    },
  },
  organization: {
    collection: { GET: listOrganization },
    entity: { '': { GET: getOrganization } },
  },
};

function photoRoutes(handler: EntityHandler) {
  return Object.fromEntries(
    ['photo', 'photo/$value', 'photos', 'photos/*', 'photos/*/$value'].map(
      path => [path, { GET: handler }],
    ),
  );
}

function entityHandlers(routes: Routes, segments: string[]) {
  const exact = routes.entity[segments.join('/')];
  if (exact) {
    return exact;
  }
  return Object.entries(routes.entity).find(([pattern]) => {
    const parts = pattern.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => part === '*' || part === segments[i])
    );
  })?.[1];
}

function operationName(method: string, path: ODataPath): string {
  const key = path.key ? `(${path.key.property})` : '';
  const rest = path.segments.length > 0 ? `/${path.segments.join('/')}` : '';
  return `${method} ${path.entitySet}${key}${rest}`;
}

function methodNotAllowed(): GraphHttpError {
  return new GraphHttpError(
    405,
    'Request_BadRequest',
    'The specified HTTP method is not allowed for the request target.',
  );
}

function route(
  context: GraphContext,
  call: GraphCall,
  path: ODataPath,
): GraphResult {
  const routes = ROUTES[path.entitySet];
  if (!routes) {
    throw badRequest(
      `Resource not found for the segment '${path.entitySet}'.`,
      'BadRequest',
    );
  }
  if (!path.key) {
    const handler = routes.collection[call.method];
    if (!handler) {
      throw methodNotAllowed();
    }
    return handler(context, call);
  }
  const handlers = entityHandlers(routes, path.segments);
  if (!handlers) {
    throw badRequest(
      `Resource not found for the segment '${path.segments[0]}'.`,
      'BadRequest',
    );
  }
  const handler = handlers[call.method];
  if (!handler) {
    throw methodNotAllowed();
  }
  return handler(context, call, path.key);
}

/**
 * Runs one Graph operation: counts it, applies injected faults, routes it. Errors become
 * results so that `$batch` can embed them.
 */
export function dispatchGraphCall(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  let result: GraphResult;
  try {
    const path = parseODataPath(call.path);
    context.counters.operation(operationName(call.method, path));
    const fault =
      context.faults.take(call.method, call.path) ??
      context.throttling.check(call.caller.appId, call.method, context.now());
    if (fault) {
      throw fault;
    }
    result = route(context, call, path);
    const lost =
      result.status < 400 &&
      context.faults.takeAfterWrite(call.method, call.path);
    if (lost) {
      throw lost;
    }
  } catch (error) {
    if (!(error instanceof GraphHttpError)) {
      throw error;
    }
    result = { status: error.status, body: error, headers: error.headers };
  }
  context.counters.status(result.status);
  return result;
}
