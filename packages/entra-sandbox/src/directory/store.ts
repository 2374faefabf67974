import { EntityKey } from '../graph/odata';

/**
 * A Graph object as the sandbox stores and returns it: its properties by name.
 *
 * @public
 */
export type Entity = Record<string, unknown>;

/** Sandbox bookkeeping kept next to a Graph object, never returned by Graph calls. */
export interface DirectoryRecord {
  entity: Entity;
  /** Object IDs of the owning service principals and users. */
  owners: string[];
  /** Epoch ms from which reads see the object (simulated replication delay). */
  replicatedAt: number;
}

export interface ApplicationRecord extends DirectoryRecord {
  /** SHA-256 of each password credential's secret text by keyId, for the token endpoint. */
  secretHashes: Record<string, string>;
}

/**
 * A person in the sandbox's directory: an owner of applications, someone who signs in, and a
 * user the catalog ingests through Graph. Properties are Graph's `user` properties.
 *
 * @public
 */
export interface SandboxUser {
  /** Object ID (GUID). */
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string | null;
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  /** Disabled users cannot sign in and are not listed on the sign-in page; default true. */
  accountEnabled?: boolean;
}

/**
 * A group in the sandbox's directory, with Graph's `group` properties. Microsoft 365 groups
 * are `mailEnabled` and not `securityEnabled`; security groups the other way round.
 *
 * @public
 */
export interface SandboxGroup {
  /** Object ID (GUID). */
  id: string;
  displayName: string;
  mailNickname: string;
  description?: string | null;
  securityEnabled: boolean;
  mailEnabled: boolean;
  /** Object IDs of the member users. */
  members: string[];
}

/** Everything in the sandbox's directory, as persisted to its state file. */
export interface DirectoryData {
  applications: ApplicationRecord[];
  servicePrincipals: DirectoryRecord[];
  oauth2PermissionGrants: DirectoryRecord[];
  users: SandboxUser[];
  groups: SandboxGroup[];
}

export function emptyDirectory(): DirectoryData {
  return {
    applications: [],
    servicePrincipals: [],
    oauth2PermissionGrants: [],
    users: [],
    groups: [],
  };
}

/**
 * In-memory directory with the lookups Graph offers; `changed()` hands the data to the
 * persistence callback after every write.
 */
export class DirectoryStore {
  constructor(
    readonly data: DirectoryData,
    private readonly onChange: (data: DirectoryData) => void = () => {},
  ) {}

  changed() {
    this.onChange(this.data);
  }

  findApplication(key: EntityKey): ApplicationRecord | undefined {
    return this.data.applications.find(record =>
      sameKey(record.entity[key.property], key.value),
    );
  }

  findServicePrincipal(key: EntityKey): DirectoryRecord | undefined {
    return this.data.servicePrincipals.find(record =>
      sameKey(record.entity[key.property], key.value),
    );
  }

  findGrant(id: string): DirectoryRecord | undefined {
    return this.data.oauth2PermissionGrants.find(
      record => record.entity.id === id,
    );
  }

  /** A user or service principal, as `directoryObjects/{id}` resolves it. */
  findDirectoryObject(
    id: string,
  ):
    | { type: 'user' | 'servicePrincipal'; id: string; displayName: unknown }
    | undefined {
    const user = this.data.users.find(u => u.id === id);
    if (user) {
      return { type: 'user', id, displayName: user.displayName };
    }
    const sp = this.findServicePrincipal({ property: 'id', value: id });
    return (
      sp && { type: 'servicePrincipal', id, displayName: sp.entity.displayName }
    );
  }

  findUser(idOrUserPrincipalName: string): SandboxUser | undefined {
    return this.data.users.find(
      user =>
        sameKey(user.id, idOrUserPrincipalName) ||
        sameKey(user.userPrincipalName, idOrUserPrincipalName),
    );
  }

  findGroup(id: string): SandboxGroup | undefined {
    return this.data.groups.find(group => sameKey(group.id, id));
  }

  removeApplication(record: ApplicationRecord) {
    this.data.applications = this.data.applications.filter(r => r !== record);
    const sp = this.findServicePrincipal({
      property: 'appId',
      value: record.entity.appId as string,
    });
    if (sp) {
      this.removeServicePrincipal(sp);
    }
  }

  removeServicePrincipal(record: DirectoryRecord) {
    const id = record.entity.id;
    this.data.servicePrincipals = this.data.servicePrincipals.filter(
      r => r !== record,
    );
    this.data.oauth2PermissionGrants = this.data.oauth2PermissionGrants.filter(
      grant => grant.entity.clientId !== id && grant.entity.resourceId !== id,
    );
  }
}

// Directory keys such as appId compare case-insensitively.
function sameKey(actual: unknown, expected: string): boolean {
  return (
    typeof actual === 'string' &&
    actual.toLowerCase() === expected.toLowerCase()
  );
}
