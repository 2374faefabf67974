import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApplicationRecord } from '../directory/store';
import { canReadApplication, requireApplicationWrite } from './authorization';
import { GraphContext, isoNow, isReplicated } from './context';
import {
  collectionResult,
  entityResult,
  getEntityResult,
  mergeEntity,
  noContent,
} from './entities';
import {
  badRequest,
  forbidden,
  GraphHttpError,
  invalidValue,
  notFound,
} from './errors';
import { EntityKey } from './odata';
import { validateRedirectUris } from './redirectUris';
import { APPLICATION, validateWrite } from './schema';
import { GraphCall, GraphResult } from './types';

type Entity = Record<string, unknown>;

const FILTERABLE = [
  'id',
  'appId',
  'uniqueName',
  'displayName',
  'tags',
  'identifierUris',
  'publisherDomain',
];
const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PASSWORD_LIFETIME_DAYS = 730;

/** A new application with Graph's defaults for every property. */
export function newApplication(createdDateTime: string): Entity {
  return {
    id: randomUUID(),
    appId: randomUUID(),
    createdDateTime,
    deletedDateTime: null,
    publisherDomain: 'sandbox.onmicrosoft.com',
    displayName: null,
    description: null,
    notes: null,
    uniqueName: null,
    serviceManagementReference: null,
    signInAudience: 'AzureADMyOrg',
    tags: [],
    identifierUris: [],
    isFallbackPublicClient: null,
    isDeviceOnlyAuthSupported: null,
    groupMembershipClaims: null,
    defaultRedirectUri: null,
    tokenEncryptionKeyId: null,
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [],
      redirectUriSettings: [],
      implicitGrantSettings: {
        enableAccessTokenIssuance: false,
        enableIdTokenIssuance: false,
      },
    },
    spa: { redirectUris: [] },
    publicClient: { redirectUris: [] },
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
      requestedAccessTokenVersion: null,
    },
    appRoles: [],
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    optionalClaims: null,
    requiredResourceAccess: [],
    passwordCredentials: [],
    keyCredentials: [],
  };
}

/** An application the caller may read; objects still replicating answer 404. */
function readable(context: GraphContext, call: GraphCall, key: EntityKey) {
  const record = context.store.findApplication(key);
  if (!record || !isReplicated(context, record)) {
    throw notFound(key.value);
  }
  if (!canReadApplication(call.caller, record)) {
    throw forbidden();
  }
  return record;
}

/** An application the caller may change. */
function writable(context: GraphContext, call: GraphCall, key: EntityKey) {
  const record = context.store.findApplication(key);
  if (!record || !isReplicated(context, record)) {
    throw notFound(key.value);
  }
  requireApplicationWrite(call.caller, record);
  return record;
}

function create(
  context: GraphContext,
  call: GraphCall,
  uniqueName?: string,
): ApplicationRecord {
  requireApplicationWrite(call.caller);
  const body = validateWrite(APPLICATION, call.body);
  if (typeof body.displayName !== 'string' || body.displayName.length === 0) {
    throw invalidValue('displayName', 'Application');
  }
  if (
    uniqueName !== undefined &&
    body.uniqueName !== undefined &&
    body.uniqueName !== uniqueName
  ) {
    throw invalidValue('uniqueName', 'Application');
  }
  const name = uniqueName ?? (body.uniqueName as string | null | undefined);
  if (
    name &&
    context.store.findApplication({ property: 'uniqueName', value: name })
  ) {
    throw badRequest(
      'Another object with the same value for property uniqueName already exists.',
      'Request_MultipleObjectsWithSameKeyValue',
    );
  }
  const entity = mergeEntity(newApplication(isoNow(context)), {
    ...body,
    uniqueName: name ?? null,
  });
  validateRedirectUris(entity);
  const record: ApplicationRecord = {
    entity,
    owners: [call.caller.servicePrincipalId],
    replicatedAt: context.faults.replicatedAt(context.now()),
    secretHashes: {},
  };
  context.store.data.applications.push(record);
  context.counters.created('applications');
  context.store.changed();
  return record;
}

function update(
  record: ApplicationRecord,
  context: GraphContext,
  call: GraphCall,
) {
  const body = validateWrite(APPLICATION, call.body, record.entity);
  const updated = mergeEntity(record.entity, body);
  validateRedirectUris(updated);
  record.entity = updated;
  context.store.changed();
}

export function listApplications(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  if (!call.caller.roles.some(role => role.startsWith('Application.'))) {
    throw forbidden();
  }
  const items = context.store.data.applications
    .filter(r => isReplicated(context, r) && canReadApplication(call.caller, r))
    .map(r => r.entity);
  return collectionResult(context, call, {
    entitySet: 'applications',
    type: APPLICATION,
    filterable: FILTERABLE,
    items,
  });
}

export function createApplication(
  context: GraphContext,
  call: GraphCall,
): GraphResult {
  const record = create(context, call);
  return entityResult(context, 'applications', record.entity, { status: 201 });
}

export function getApplication(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  return getEntityResult(
    context,
    call,
    'applications',
    APPLICATION,
    () => readable(context, call, key).entity,
  );
}

/**
 * PATCH by id or alternate key. By uniqueName with `Prefer: create-if-missing` it is
 * Graph's upsert: 201 and the object when created, 204 when it existed and was updated.
 * Writes see objects that are still replicating, so the upsert never duplicates.
 */
export function patchApplication(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  if (key.property === 'uniqueName') {
    const existing = context.store.findApplication(key);
    if (existing) {
      requireApplicationWrite(call.caller, existing);
      update(existing, context, call);
      return noContent();
    }
    const prefer = (call.headers.prefer ?? '')
      .split(',')
      .map(p => p.trim().toLowerCase());
    if (!prefer.includes('create-if-missing')) {
      throw notFound(key.value);
    }
    const record = create(context, call, key.value);
    return entityResult(context, 'applications', record.entity, {
      status: 201,
    });
  }
  update(writable(context, call, key), context, call);
  return noContent();
}

export function deleteApplication(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  context.store.removeApplication(record);
  context.store.changed();
  return noContent();
}

const SECRET_ALPHABET =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~';

/** 40 characters in Entra's shape: three hint characters, a version marker, random text. */
function newSecretText(): string {
  const bytes = randomBytes(37);
  const chars = Array.from(
    bytes,
    b => SECRET_ALPHABET[b % SECRET_ALPHABET.length],
  );
  return `${chars.slice(0, 3).join('')}8Q~${chars.slice(3).join('')}`;
}

function passwordRequest(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  }
  for (const key of Object.keys(body)) {
    if (key !== 'passwordCredential') {
      throw badRequest(`Invalid property '${key}'.`);
    }
  }
  const credential =
    (body as { passwordCredential?: unknown }).passwordCredential ?? {};
  if (
    typeof credential !== 'object' ||
    credential === null ||
    Array.isArray(credential)
  ) {
    throw invalidValue('passwordCredential', 'Application');
  }
  for (const [key, value] of Object.entries(credential)) {
    if (!['displayName', 'startDateTime', 'endDateTime'].includes(key)) {
      throw badRequest(`Invalid property '${key}'.`);
    }
    const validDate =
      key === 'displayName' ||
      (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    if (value !== null && (typeof value !== 'string' || !validDate)) {
      throw invalidValue(key, 'PasswordCredential');
    }
  }
  return credential as {
    displayName?: string;
    startDateTime?: string;
    endDateTime?: string;
  };
}

export function addPassword(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  const request = passwordRequest(call.body);
  const start = request.startDateTime
    ? Date.parse(request.startDateTime)
    : context.now();
  const end = request.endDateTime
    ? Date.parse(request.endDateTime)
    : start + DEFAULT_PASSWORD_LIFETIME_DAYS * DAY_MS;
  if (end <= start || end <= context.now()) {
    throw invalidValue('endDateTime', 'PasswordCredential');
  }
  const maxDays = context.maxPasswordLifetimeDays;
  if (maxDays !== undefined && end - start > maxDays * DAY_MS) {
    throw new GraphHttpError(
      400,
      'CredentialInvalidLifetimeAsPerAppPolicy',
      'Credential lifetime exceeds the max value allowed as per assigned policy.',
    );
  }
  const secretText = newSecretText();
  const credential = {
    customKeyIdentifier: null,
    displayName: request.displayName ?? null,
    endDateTime: new Date(end).toISOString(),
    hint: secretText.slice(0, 3),
    keyId: randomUUID(),
    secretText: null,
    startDateTime: new Date(start).toISOString(),
  };
  record.entity.passwordCredentials = [
    ...(record.entity.passwordCredentials as Entity[]),
    credential,
  ];
  record.secretHashes[credential.keyId] = createHash('sha256')
    .update(secretText)
    .digest('hex');
  context.counters.created('passwordCredentials');
  context.store.changed();
  return {
    status: 200,
    body: {
      '@odata.context': `${context.versionUrl}/$metadata#microsoft.graph.passwordCredential`,
      ...credential,
      secretText,
    },
  };
}

export function removePassword(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  const body = call.body as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null) {
    throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  }
  for (const property of Object.keys(body)) {
    if (property !== 'keyId') {
      throw badRequest(`Invalid property '${property}'.`);
    }
  }
  const credentials = record.entity.passwordCredentials as Entity[];
  if (!credentials.some(c => c.keyId === body.keyId)) {
    throw badRequest(
      `No password credential found with keyId '${String(body.keyId)}'.`,
    );
  }
  record.entity.passwordCredentials = credentials.filter(
    c => c.keyId !== body.keyId,
  );
  delete record.secretHashes[body.keyId as string];
  context.store.changed();
  return noContent();
}

export function listOwners(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = readable(context, call, key);
  const value = record.owners.flatMap(id => {
    const owner = context.store.findDirectoryObject(id);
    return owner
      ? [
          {
            '@odata.type': `#microsoft.graph.${owner.type}`,
            id,
            displayName: owner.displayName,
          },
        ]
      : [];
  });
  return {
    status: 200,
    body: {
      '@odata.context': `${context.versionUrl}/$metadata#directoryObjects`,
      value,
    },
  };
}

const REFERENCE = /\/(?:directoryObjects|users|servicePrincipals)\/([^/?]+)$/;

/** POST owners/$ref; an existing owner is a 400, as in Graph. */
export function addOwner(
  context: GraphContext,
  call: GraphCall,
  key: EntityKey,
): GraphResult {
  const record = writable(context, call, key);
  const body = call.body as Record<string, unknown> | null;
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  const reference = body?.['@odata.id'];
  if (
    keys.length !== 1 ||
    typeof reference !== 'string' ||
    !REFERENCE.test(reference)
  ) {
    throw badRequest(
      'Invalid object identifier in @odata.id.',
      'Request_BadRequest',
    );
  }
  const ownerId = REFERENCE.exec(reference)![1];
  if (!context.store.findDirectoryObject(ownerId)) {
    throw notFound(ownerId);
  }
  if (record.owners.includes(ownerId)) {
    throw badRequest(
      "One or more added object references already exist for the following modified properties: 'owners'.",
    );
  }
  record.owners.push(ownerId);
  context.store.changed();
  return noContent();
}
