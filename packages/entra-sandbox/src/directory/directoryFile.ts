import fs from 'node:fs';
import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { SandboxGroup, SandboxUser } from './store';

/**
 * The tenant's organization object, which `GET /organization/{tenantId}` returns.
 *
 * @public
 */
export interface EntraSandboxOrganization {
  displayName: string;
  /** Default domain; mail-enabled groups get `<mailNickname>@<domain>`. Default `sandbox.onmicrosoft.com`. */
  domain?: string;
}

/**
 * The people, groups and organization of a sandbox tenant, as in `examples/entra-directory.yaml`.
 *
 * @public
 */
export interface EntraSandboxDirectory {
  organization?: EntraSandboxOrganization;
  users: SandboxUser[];
  groups: SandboxGroup[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
// Graph refuses these characters in a mailNickname.
const MAIL_NICKNAME = /^[^@()\\[\]";:<>,\s]{1,64}$/;

type Field = 'string' | 'guid' | 'address' | 'boolean' | 'nickname';

const USER_FIELDS: Record<string, { type: Field; required?: boolean }> = {
  id: { type: 'guid', required: true },
  displayName: { type: 'string', required: true },
  userPrincipalName: { type: 'address', required: true },
  mail: { type: 'address' },
  givenName: { type: 'string' },
  surname: { type: 'string' },
  jobTitle: { type: 'string' },
  accountEnabled: { type: 'boolean' },
};

const GROUP_FIELDS: Record<string, { type: Field; required?: boolean }> = {
  id: { type: 'guid', required: true },
  displayName: { type: 'string', required: true },
  mailNickname: { type: 'nickname', required: true },
  description: { type: 'string' },
  securityEnabled: { type: 'boolean', required: true },
  mailEnabled: { type: 'boolean', required: true },
};

const FIELD_PROBLEMS: Record<Field, [(value: unknown) => boolean, string]> = {
  string: [v => typeof v === 'string' && v.trim() !== '', 'a non-empty string'],
  guid: [v => typeof v === 'string' && GUID.test(v), 'a GUID'],
  address: [
    v => typeof v === 'string' && ADDRESS.test(v),
    'an address like name@domain.example',
  ],
  boolean: [v => typeof v === 'boolean', 'true or false'],
  nickname: [
    v => typeof v === 'string' && MAIL_NICKNAME.test(v),
    'at most 64 characters without spaces or @()\\[]";:<>,',
  ],
};

class DirectoryFileValidator {
  readonly problems: string[] = [];

  isObject(value: unknown, where: string): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return true;
    }
    this.problems.push(`${where}: must be a mapping`);
    return false;
  }

  list(value: unknown, where: string): unknown[] {
    if (value === undefined) {
      return [];
    }
    if (Array.isArray(value)) {
      return value;
    }
    this.problems.push(`${where}: must be a list`);
    return [];
  }

  fields<T>(
    value: unknown,
    where: string,
    fields: Record<string, { type: Field; required?: boolean }>,
    extra: string[] = [],
  ): T | undefined {
    if (!this.isObject(value, where)) {
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!(key in fields) && !extra.includes(key)) {
        this.problems.push(`${where}.${key}: unknown property`);
      }
    }
    for (const [key, { type, required }] of Object.entries(fields)) {
      const field = value[key];
      if (field === undefined || field === null) {
        if (required) {
          this.problems.push(`${where}.${key}: is required`);
        }
        continue;
      }
      const [valid, expected] = FIELD_PROBLEMS[type];
      if (!valid(field)) {
        this.problems.push(`${where}.${key}: must be ${expected}`);
      }
    }
    return value as T;
  }

  unique<T>(items: T[], key: (item: T) => string, where: string, name: string) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item)?.toLowerCase();
      if (typeof value !== 'string') {
        return;
      }
      if (seen.has(value)) {
        this.problems.push(`${where}[${index}].${name}: duplicate '${value}'`);
      }
      seen.add(value);
    });
  }
}

/**
 * Validates directory data (the parsed YAML of `examples/entra-directory.yaml`); throws an
 * InputError listing every problem as `field: problem`.
 *
 * @public
 */
export function parseSandboxDirectory(
  data: unknown,
  source = 'directory',
): EntraSandboxDirectory {
  const check = new DirectoryFileValidator();
  if (!check.isObject(data, source)) {
    throw new InputError(`${source}: must be a mapping with users and groups`);
  }
  for (const key of Object.keys(data)) {
    if (!['organization', 'users', 'groups'].includes(key)) {
      check.problems.push(`${key}: unknown property`);
    }
  }
  const organization =
    data.organization === undefined
      ? undefined
      : check.fields<EntraSandboxOrganization>(
          data.organization,
          'organization',
          {
            displayName: { type: 'string', required: true },
            domain: { type: 'string' },
          },
        );
  const users = check
    .list(data.users, 'users')
    .map((user, index) =>
      check.fields<SandboxUser>(user, `users[${index}]`, USER_FIELDS),
    )
    .filter((user): user is SandboxUser => user !== undefined);
  check.unique(users, u => u.id, 'users', 'id');
  check.unique(users, u => u.userPrincipalName, 'users', 'userPrincipalName');
  const userIds = new Set(users.map(u => String(u.id).toLowerCase()));
  const groups = check
    .list(data.groups, 'groups')
    .map((group, index) => {
      const where = `groups[${index}]`;
      const valid = check.fields<SandboxGroup>(group, where, GROUP_FIELDS, [
        'members',
      ]);
      if (!valid) {
        return undefined;
      }
      const members = check.list(valid.members, `${where}.members`);
      members.forEach((member, position) => {
        if (typeof member !== 'string' || !userIds.has(member.toLowerCase())) {
          check.problems.push(
            `${where}.members[${position}]: '${member}' is not the id of a user in users`,
          );
        }
      });
      return { ...valid, members: members as string[] };
    })
    .filter((group): group is SandboxGroup => group !== undefined);
  check.unique(groups, g => g.id, 'groups', 'id');
  check.unique(groups, g => g.mailNickname, 'groups', 'mailNickname');
  if (check.problems.length > 0) {
    throw new InputError(
      `Invalid sandbox directory ${source}: ${check.problems.join('; ')}`,
    );
  }
  return { ...(organization && { organization }), users, groups };
}

/**
 * Reads and validates a sandbox directory file (YAML, `users:` and `groups:` as in
 * `examples/entra-directory.yaml`), ready to spread into `startEntraSandbox`'s options.
 *
 * @public
 */
export function readSandboxDirectoryFile(file: string): EntraSandboxDirectory {
  let data: unknown;
  try {
    data = parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `Cannot read sandbox directory ${file}: ${(error as Error).message}`,
    );
  }
  return parseSandboxDirectory(data, file);
}
