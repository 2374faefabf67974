import { Entity, SandboxGroup, SandboxUser } from '../directory/store';
import { GraphContext } from './context';
import { badRequest, notFound } from './errors';
import { EntityKey, EntityView } from './odata';
import { GROUP, USER } from './schema';

/** What Graph v1.0 returns for a user without `$select`. */
const USER_DEFAULT_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export const USER_TYPE = '#microsoft.graph.user';
export const GROUP_TYPE = '#microsoft.graph.group';

export const USER_VIEW: EntityView = {
  type: USER,
  defaultSelect: USER_DEFAULT_SELECT,
};

/** A directoryObject collection mixes users and groups; `$select` may name either's properties. */
export const DIRECTORY_OBJECT_VIEW: EntityView = {
  type: {
    name: 'DirectoryObject',
    properties: { ...GROUP.properties, ...USER.properties },
    readOnly: [],
  },
  defaultSelect: value =>
    value['@odata.type'] === USER_TYPE ? USER_DEFAULT_SELECT : undefined,
};

export const DEFAULT_DOMAIN = 'sandbox.onmicrosoft.com';

export function userEntity(user: SandboxUser): Entity {
  return {
    id: user.id,
    accountEnabled: user.accountEnabled ?? true,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName ?? null,
    jobTitle: user.jobTitle ?? null,
    mail: user.mail ?? null,
    mailNickname: user.userPrincipalName.split('@')[0],
    mobilePhone: null,
    officeLocation: null,
    otherMails: [],
    preferredLanguage: null,
    proxyAddresses: user.mail ? [`SMTP:${user.mail}`] : [],
    surname: user.surname ?? null,
    userPrincipalName: user.userPrincipalName,
    userType: 'Member',
  };
}

/** Mail-enabled groups get their address from the tenant's default domain, as in Entra. */
export function groupEntity(context: GraphContext, group: SandboxGroup) {
  const unified = group.mailEnabled && !group.securityEnabled;
  const mail = group.mailEnabled
    ? `${group.mailNickname}@${context.organization.domain ?? DEFAULT_DOMAIN}`
    : null;
  return {
    id: group.id,
    classification: null,
    description: group.description ?? null,
    displayName: group.displayName,
    groupTypes: unified ? ['Unified'] : [],
    mail,
    mailEnabled: group.mailEnabled,
    mailNickname: group.mailNickname,
    membershipRule: null,
    onPremisesSyncEnabled: null,
    proxyAddresses: mail ? [`SMTP:${mail}`] : [],
    securityEnabled: group.securityEnabled,
    securityIdentifier: null,
    visibility: unified ? 'Private' : null,
  };
}

/**
 * An item of a directoryObject collection. Graph documents that a caller without permission
 * to read an object's type still sees it, with only `@odata.type` and `id`.
 */
export function directoryObject(
  type: typeof USER_TYPE | typeof GROUP_TYPE,
  entity: Entity,
  visible: boolean,
): Entity {
  return visible
    ? { '@odata.type': type, ...entity }
    : { '@odata.type': type, id: entity.id };
}

/** Users and groups are addressed by object ID (users also by userPrincipalName). */
export function findByKey<T>(
  key: EntityKey,
  find: (value: string) => T | undefined,
): T {
  if (key.property !== 'id') {
    throw badRequest(`Invalid key property '${key.property}'.`, 'BadRequest');
  }
  const found = find(key.value);
  if (!found) {
    throw notFound(key.value);
  }
  return found;
}
