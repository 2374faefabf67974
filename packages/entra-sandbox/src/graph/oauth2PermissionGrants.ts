import { randomBytes } from 'node:crypto';
import { DirectoryRecord } from '../directory/store';
import { requireGrantRead, requireGrantWrite } from './authorization';
import { GraphContext, isReplicated } from './context';
import {
  collectionResult,
  entityResult,
  getEntityResult,
  mergeEntity,
  noContent,
} from './entities';
import { GraphHttpError, invalidValue, notFound } from './errors';
import { EntityKey } from './odata';
import { OAUTH2_PERMISSION_GRANT, validateWrite } from './schema';
import { GraphCall, GraphResult } from './types';

const FILTERABLE = [
  'id',
  'clientId',
  'resourceId',
  'consentType',
  'principalId',
];

function visibleServicePrincipal(context: GraphContext, id: string) {
  const record = context.store.findServicePrincipal({
    property: 'id',
    value: id,
  });
  return record && isReplicated(context, record) ? record : undefined;
}

/** Every scope must be a delegated permission the resource service principal publishes. */
function validateScope(scope: unknown, resource: DirectoryRecord) {
  const published = (
    (resource.entity.oauth2PermissionScopes as Array<{ value: string }>) ?? []
  ).map(s => s.value);
  const requested =
    typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
  if (requested.length === 0 || !requested.every(s => published.includes(s))) {
    throw invalidValue('scope', 'OAuth2PermissionGrant');
  }
}

function grant(context: GraphContext, key: EntityKey) {
  const record =
    key.property === 'id' ? context.store.findGrant(key.value) : undefined;
  if (!record || !isReplicated(context, record)) {
    throw notFound(key.value);
  }
  return record;
}

/** A grant the caller may change. */
function writable(context: GraphContext, call: GraphCall, key: EntityKey) {
  requireGrantWrite(call.caller);
  return grant(context, key);
}

export function listGrants(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  requireGrantRead(call.caller);
  return collectionResult(context, call, {
    entitySet: 'oauth2PermissionGrants',
    type: OAUTH2_PERMISSION_GRANT,
    filterable: FILTERABLE,
    items: context.store.data.oauth2PermissionGrants
      .filter(r => isReplicated(context, r))
      .map(r => r.entity),
  });
}

export function getGrant(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  requireGrantRead(call.caller);
  return getEntityResult(
    context,
    call,
    'oauth2PermissionGrants',
    OAUTH2_PERMISSION_GRANT,
    () => grant(context, key).entity,
  );
}

/**
 * Admin consent: `{clientId, consentType: AllPrincipals, resourceId, scope}`. A client
 * service principal that is still replicating answers 404, as after a create in Entra.
 */
export function createGrant(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  requireGrantWrite(call.caller);
  const body = validateWrite(OAUTH2_PERMISSION_GRANT, call.body);
  for (const required of ['clientId', 'consentType', 'resourceId']) {
    if (body[required] === undefined) {
      throw invalidValue(required, 'OAuth2PermissionGrant');
    }
  }
  const principalId = (body.principalId as string | null | undefined) ?? null;
  if ((body.consentType === 'Principal') !== (principalId !== null)) {
    throw invalidValue('principalId', 'OAuth2PermissionGrant');
  }
  if (!visibleServicePrincipal(context, body.clientId as string)) {
    throw notFound(body.clientId as string);
  }
  const resource = visibleServicePrincipal(context, body.resourceId as string);
  if (!resource) {
    throw notFound(body.resourceId as string);
  }
  validateScope(body.scope, resource);
  const duplicate = context.store.data.oauth2PermissionGrants.some(
    ({ entity }) =>
      entity.clientId === body.clientId &&
      entity.resourceId === body.resourceId &&
      entity.consentType === body.consentType &&
      entity.principalId === principalId,
  );
  if (duplicate) {
    throw new GraphHttpError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'Permission entry already exists.',
    );
  }
  const entity = mergeEntity(
    { id: randomBytes(33).toString('base64url'), principalId, scope: null },
    body,
  );
  context.store.data.oauth2PermissionGrants.push({
    entity,
    owners: [],
    replicatedAt: context.faults.replicatedAt(context.now()),
  });
  context.counters.created('oauth2PermissionGrants');
  context.store.changed();
  return entityResult(context, 'oauth2PermissionGrants', entity, {
    status: 201,
  });
}

/** Only `scope` can change; the other properties are immutable. */
export function patchGrant(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  const body = validateWrite(OAUTH2_PERMISSION_GRANT, call.body, record.entity);
  if (body.scope !== undefined) {
    const resource = visibleServicePrincipal(
      context,
      record.entity.resourceId as string,
    );
    if (resource) {
      validateScope(body.scope, resource);
    }
  }
  record.entity = mergeEntity(record.entity, body);
  context.store.changed();
  return noContent();
}

export function deleteGrant(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  context.store.data.oauth2PermissionGrants =
    context.store.data.oauth2PermissionGrants.filter(r => r !== record);
  context.store.changed();
  return noContent();
}
