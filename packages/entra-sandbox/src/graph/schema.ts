import { badRequest, invalidValue } from './errors';

/**
 * The declared properties of the Graph resources the sandbox serves, so that writes with
 * unknown properties, read-only properties or wrongly typed values fail with 400 like Graph.
 */
export type PropertyType =
  | { kind: 'string'; nullable?: boolean; maxLength?: number }
  | { kind: 'boolean'; nullable?: boolean }
  | { kind: 'int'; nullable?: boolean; values?: number[] }
  | { kind: 'enum'; values: string[]; nullable?: boolean }
  | { kind: 'guid'; nullable?: boolean }
  | { kind: 'dateTime'; nullable?: boolean }
  | { kind: 'collection'; of: PropertyType }
  | ComplexType;

export interface ComplexType {
  kind: 'complex';
  nullable?: boolean;
  properties: Record<string, PropertyType>;
}

export interface EntityType {
  /** Resource name used in error messages, e.g. `Application`. */
  name: string;
  properties: Record<string, PropertyType>;
  /** Properties a client may read but never write. */
  readOnly: string[];
  /** Properties that may be set when the object is created and never changed. */
  immutable?: string[];
}

const str = (maxLength?: number): PropertyType => ({
  kind: 'string',
  nullable: true,
  maxLength,
});
const bool: PropertyType = { kind: 'boolean', nullable: true };
const guid: PropertyType = { kind: 'guid', nullable: true };
const dateTime: PropertyType = { kind: 'dateTime', nullable: true };
const strings: PropertyType = { kind: 'collection', of: { kind: 'string' } };
const guids: PropertyType = { kind: 'collection', of: { kind: 'guid' } };
const complex = (properties: Record<string, PropertyType>): ComplexType => ({
  kind: 'complex',
  nullable: true,
  properties,
});

const optionalClaim = complex({
  name: { kind: 'string' },
  source: str(),
  essential: { kind: 'boolean' },
  additionalProperties: strings,
});

const passwordCredential = complex({
  customKeyIdentifier: str(),
  displayName: str(),
  endDateTime: dateTime,
  hint: str(),
  keyId: guid,
  secretText: str(),
  startDateTime: dateTime,
});

const keyCredential = complex({
  customKeyIdentifier: str(),
  displayName: str(),
  endDateTime: dateTime,
  key: str(),
  keyId: guid,
  startDateTime: dateTime,
  type: str(),
  usage: str(),
});

const permissionScope = complex({
  adminConsentDescription: str(),
  adminConsentDisplayName: str(),
  id: guid,
  isEnabled: { kind: 'boolean' },
  origin: str(),
  type: str(),
  userConsentDescription: str(),
  userConsentDisplayName: str(),
  value: str(),
});

const appRole = complex({
  allowedMemberTypes: strings,
  description: str(),
  displayName: str(),
  id: guid,
  isEnabled: { kind: 'boolean' },
  origin: str(),
  value: str(),
});

/** What `groupMembershipClaims` takes: which groups the groups claim lists. */
export const GROUP_MEMBERSHIP_CLAIMS = [
  'None',
  'SecurityGroup',
  'DirectoryRole',
  'ApplicationGroup',
  'All',
];

/** microsoft.graph.application (v1.0), the properties this product and common tools touch. */
export const APPLICATION: EntityType = {
  name: 'Application',
  properties: {
    id: guid,
    appId: guid,
    createdDateTime: dateTime,
    deletedDateTime: dateTime,
    publisherDomain: str(),
    displayName: str(256),
    description: str(1024),
    notes: str(1024),
    uniqueName: str(255),
    serviceManagementReference: str(),
    signInAudience: {
      kind: 'enum',
      nullable: true,
      values: [
        'AzureADMyOrg',
        'AzureADMultipleOrgs',
        'AzureADandPersonalMicrosoftAccount',
        'PersonalMicrosoftAccount',
      ],
    },
    tags: { kind: 'collection', of: { kind: 'string', maxLength: 256 } },
    identifierUris: strings,
    isFallbackPublicClient: bool,
    isDeviceOnlyAuthSupported: bool,
    // Graph's values; the groups claim of user tokens follows them (oidc/userTokens.ts).
    groupMembershipClaims: {
      kind: 'enum',
      nullable: true,
      values: GROUP_MEMBERSHIP_CLAIMS,
    },
    defaultRedirectUri: str(),
    tokenEncryptionKeyId: guid,
    web: complex({
      homePageUrl: str(),
      logoutUrl: str(),
      redirectUris: strings,
      redirectUriSettings: {
        kind: 'collection',
        of: complex({ uri: str(), index: { kind: 'int', nullable: true } }),
      },
      implicitGrantSettings: complex({
        enableAccessTokenIssuance: bool,
        enableIdTokenIssuance: bool,
      }),
    }),
    spa: complex({ redirectUris: strings }),
    publicClient: complex({ redirectUris: strings }),
    api: complex({
      acceptMappedClaims: bool,
      knownClientApplications: guids,
      oauth2PermissionScopes: { kind: 'collection', of: permissionScope },
      preAuthorizedApplications: {
        kind: 'collection',
        of: complex({ appId: guid, delegatedPermissionIds: strings }),
      },
      requestedAccessTokenVersion: {
        kind: 'int',
        nullable: true,
        values: [1, 2],
      },
    }),
    appRoles: { kind: 'collection', of: appRole },
    info: complex({
      logoUrl: str(),
      marketingUrl: str(),
      privacyStatementUrl: str(),
      supportUrl: str(),
      termsOfServiceUrl: str(),
    }),
    optionalClaims: complex({
      idToken: { kind: 'collection', of: optionalClaim },
      accessToken: { kind: 'collection', of: optionalClaim },
      saml2Token: { kind: 'collection', of: optionalClaim },
    }),
    requiredResourceAccess: {
      kind: 'collection',
      of: complex({
        resourceAppId: { kind: 'string' },
        resourceAccess: {
          kind: 'collection',
          of: complex({
            id: { kind: 'guid' },
            type: { kind: 'enum', values: ['Scope', 'Role'] },
          }),
        },
      }),
    },
    passwordCredentials: { kind: 'collection', of: passwordCredential },
    keyCredentials: { kind: 'collection', of: keyCredential },
  },
  // Secrets only through addPassword/removePassword, as in Graph.
  readOnly: [
    'id',
    'appId',
    'createdDateTime',
    'deletedDateTime',
    'publisherDomain',
    'passwordCredentials',
  ],
  immutable: ['uniqueName'],
};

/** microsoft.graph.servicePrincipal (v1.0), the subset the sandbox stores. */
export const SERVICE_PRINCIPAL: EntityType = {
  name: 'ServicePrincipal',
  properties: {
    id: guid,
    appId: guid,
    appDisplayName: str(),
    appOwnerOrganizationId: guid,
    displayName: str(256),
    description: str(1024),
    notes: str(1024),
    accountEnabled: bool,
    appRoleAssignmentRequired: bool,
    servicePrincipalType: str(),
    servicePrincipalNames: strings,
    signInAudience: str(),
    tags: strings,
    appRoles: { kind: 'collection', of: appRole },
    oauth2PermissionScopes: { kind: 'collection', of: permissionScope },
  },
  readOnly: [
    'id',
    'appDisplayName',
    'appOwnerOrganizationId',
    'servicePrincipalType',
    'signInAudience',
    'appRoles',
    'oauth2PermissionScopes',
  ],
  immutable: ['appId'],
};

/** microsoft.graph.user (v1.0), the properties the sandbox serves; all read-only here. */
export const USER: EntityType = {
  name: 'User',
  properties: {
    id: guid,
    accountEnabled: bool,
    businessPhones: strings,
    city: str(),
    companyName: str(),
    country: str(),
    createdDateTime: dateTime,
    department: str(),
    displayName: str(256),
    employeeId: str(),
    givenName: str(64),
    jobTitle: str(128),
    mail: str(),
    mailNickname: str(64),
    mobilePhone: str(),
    officeLocation: str(),
    otherMails: strings,
    preferredLanguage: str(),
    proxyAddresses: strings,
    surname: str(64),
    usageLocation: str(),
    userPrincipalName: str(),
    userType: str(),
  },
  readOnly: ['id', 'createdDateTime'],
};

/** microsoft.graph.group (v1.0), the properties the sandbox serves. */
export const GROUP: EntityType = {
  name: 'Group',
  properties: {
    id: guid,
    classification: str(),
    createdDateTime: dateTime,
    description: str(),
    displayName: str(256),
    groupTypes: strings,
    mail: str(),
    mailEnabled: bool,
    mailNickname: str(64),
    membershipRule: str(),
    onPremisesSyncEnabled: bool,
    proxyAddresses: strings,
    securityEnabled: bool,
    securityIdentifier: str(),
    visibility: str(),
  },
  readOnly: ['id', 'createdDateTime', 'mail', 'proxyAddresses'],
};

/** microsoft.graph.organization (v1.0), the properties the sandbox serves. */
export const ORGANIZATION: EntityType = {
  name: 'Organization',
  properties: {
    id: guid,
    countryLetterCode: str(),
    createdDateTime: dateTime,
    displayName: str(),
    preferredLanguage: str(),
    tenantType: str(),
    verifiedDomains: {
      kind: 'collection',
      of: complex({
        capabilities: str(),
        isDefault: bool,
        isInitial: bool,
        name: str(),
        type: str(),
      }),
    },
  },
  readOnly: ['id', 'createdDateTime', 'tenantType', 'verifiedDomains'],
};

/** microsoft.graph.oAuth2PermissionGrant (v1.0). */
export const OAUTH2_PERMISSION_GRANT: EntityType = {
  name: 'OAuth2PermissionGrant',
  properties: {
    id: str(),
    clientId: { kind: 'guid' },
    consentType: { kind: 'enum', values: ['AllPrincipals', 'Principal'] },
    principalId: guid,
    resourceId: { kind: 'guid' },
    scope: str(),
  },
  readOnly: ['id'],
  immutable: ['clientId', 'consentType', 'principalId', 'resourceId'],
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check = 'ok' | 'invalid' | { unknownProperty: string };

function check(type: PropertyType, value: unknown): Check {
  if (value === null) {
    return type.kind !== 'collection' && type.nullable ? 'ok' : 'invalid';
  }
  const ok = (condition: boolean): Check => (condition ? 'ok' : 'invalid');
  switch (type.kind) {
    case 'string':
      return ok(
        typeof value === 'string' &&
          (type.maxLength === undefined || value.length <= type.maxLength),
      );
    case 'boolean':
      return ok(typeof value === 'boolean');
    case 'int':
      return ok(
        Number.isInteger(value) &&
          (!type.values || type.values.includes(value as number)),
      );
    case 'enum':
      return ok(typeof value === 'string' && type.values.includes(value));
    case 'guid':
      return ok(typeof value === 'string' && GUID.test(value));
    case 'dateTime':
      return ok(typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    case 'collection':
      if (!Array.isArray(value)) {
        return 'invalid';
      }
      return value.map(v => check(type.of, v)).find(c => c !== 'ok') ?? 'ok';
    case 'complex':
      if (typeof value !== 'object' || Array.isArray(value)) {
        return 'invalid';
      }
      for (const [key, nested] of Object.entries(value as object)) {
        const nestedType = type.properties[key];
        if (!nestedType) {
          return { unknownProperty: key };
        }
        const result = check(nestedType, nested);
        if (result !== 'ok') {
          return result;
        }
      }
      return 'ok';
    default:
      return 'invalid';
  }
}

/**
 * Checks a request body against an entity type: every property declared, writable and of
 * the declared type; on update (`current` given) immutable properties may only be set while
 * still empty. Throws Graph's 400 for the first offending property.
 */
export function validateWrite(
  entity: EntityType,
  body: unknown,
  current?: Record<string, unknown>,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  }
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('@odata.')) {
      continue;
    }
    const type = entity.properties[key];
    if (!type) {
      throw badRequest(`Invalid property '${key}'.`);
    }
    if (entity.readOnly.includes(key)) {
      throw badRequest(`Property '${key}' is read-only and cannot be set.`);
    }
    const existing = current?.[key];
    if (
      current &&
      entity.immutable?.includes(key) &&
      existing !== null &&
      existing !== undefined &&
      JSON.stringify(existing) !== JSON.stringify(value)
    ) {
      throw badRequest(
        `Property '${key}' is immutable and cannot be changed once it is set.`,
      );
    }
    const result = check(type, value);
    if (typeof result === 'object') {
      throw badRequest(`Invalid property '${result.unknownProperty}'.`);
    }
    if (result === 'invalid') {
      throw invalidValue(key, entity.name);
    }
  }
  return body as Record<string, unknown>;
}
