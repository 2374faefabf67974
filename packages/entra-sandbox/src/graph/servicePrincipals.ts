import { randomUUID } from 'node:crypto';
import { DirectoryRecord } from '../directory/store';
import {
  requireApplicationWrite,
  requireServicePrincipalRead,
} from './authorization';
import { GraphContext, isReplicated } from './context';
import {
  collectionResult,
  entityResult,
  getEntityResult,
  mergeEntity,
  noContent,
} from './entities';
import { badRequest, GraphHttpError, invalidValue, notFound } from './errors';
import { EntityKey } from './odata';
import { SERVICE_PRINCIPAL, validateWrite } from './schema';
import { GraphCall, GraphResult } from './types';

const FILTERABLE = [
  'id',
  'appId',
  'displayName',
  'tags',
  'servicePrincipalNames',
];

function readable(context: GraphContext, call: GraphCall, key: EntityKey) {
  requireServicePrincipalRead(call.caller);
  const record = context.store.findServicePrincipal(key);
  if (!record || !isReplicated(context, record)) {
    throw notFound(key.value);
  }
  return record;
}

/** The application a service principal belongs to, which decides who may change it. */
function ownerApplication(context: GraphContext, record: DirectoryRecord) {
  return context.store.findApplication({
    property: 'appId',
    value: record.entity.appId as string,
  });
}

export function listServicePrincipals(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  requireServicePrincipalRead(call.caller);
  return collectionResult(context, call, {
    entitySet: 'servicePrincipals',
    type: SERVICE_PRINCIPAL,
    filterable: FILTERABLE,
    items: context.store.data.servicePrincipals
      .filter(r => isReplicated(context, r))
      .map(r => r.entity),
  });
}

export function getServicePrincipal(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  return getEntityResult(
    context,
    call,
    'servicePrincipals',
    SERVICE_PRINCIPAL,
    () => readable(context, call, key).entity,
  );
}

/**
 * POST /servicePrincipals `{appId}`. An application that is still replicating is "not a valid
 * application object" (400), exactly the error Entra gives right after creating the app.
 */
export function createServicePrincipal(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  const body = validateWrite(SERVICE_PRINCIPAL, call.body);
  if (typeof body.appId !== 'string') {
    throw invalidValue('appId', 'ServicePrincipal');
  }
  const application = context.store.findApplication({
    property: 'appId',
    value: body.appId,
  });
  if (!application || !isReplicated(context, application)) {
    throw badRequest(
      `The appId '${body.appId}' of the service principal does not reference a valid application object.`,
    );
  }
  requireApplicationWrite(call.caller, application);
  if (
    context.store.findServicePrincipal({ property: 'appId', value: body.appId })
  ) {
    throw new GraphHttpError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      `The service principal cannot be created, updated, or restored because the service principal name ${body.appId} is already in use.`,
    );
  }
  const app = application.entity;
  const entity = mergeEntity(
    {
      id: randomUUID(),
      appId: app.appId,
      appDisplayName: app.displayName,
      appOwnerOrganizationId: context.tenantId,
      displayName: app.displayName,
      description: null,
      notes: null,
      accountEnabled: true,
      appRoleAssignmentRequired: false,
      servicePrincipalType: 'Application',
      servicePrincipalNames: [app.appId, ...(app.identifierUris as string[])],
      signInAudience: app.signInAudience,
      tags: app.tags,
      appRoles: [],
      oauth2PermissionScopes: [],
    },
    body,
  );
  const record: DirectoryRecord = {
    entity,
    owners: [call.caller.servicePrincipalId],
    replicatedAt: context.faults.replicatedAt(context.now()),
  };
  context.store.data.servicePrincipals.push(record);
  context.counters.created('servicePrincipals');
  context.store.changed();
  return entityResult(context, 'servicePrincipals', entity, { status: 201 });
}

export function deleteServicePrincipal(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = readable(context, call, key);
  const application = ownerApplication(context, record);
  requireApplicationWrite(call.caller, application ?? record);
  context.store.removeServicePrincipal(record);
  context.store.changed();
  return noContent();
}
