import { randomBytes } from 'node:crypto';
import { KeyVaultError } from './errors';

/** Key Vault's default soft-delete retention; purge protection off. */
export const RECOVERABLE_DAYS = 90;
const RECOVERY_LEVEL = 'Recoverable+Purgeable';
const MAX_TAGS = 15;
const MAX_TAG_NAME = 512;
const MAX_TAG_VALUE = 256;
const MAX_VALUE_BYTES = 25 * 1024;
const MAX_CONTENT_TYPE = 255;
const NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** One version of a secret as the vault keeps it (times in unix seconds). */
export interface StoredSecretVersion {
  version: string;
  value: string;
  contentType?: string;
  tags?: Record<string, string>;
  enabled: boolean;
  nbf?: number;
  exp?: number;
  created: number;
  updated: number;
}

interface StoredSecret {
  /** As first given: names are case-insensitive, ids keep the first spelling. */
  name: string;
  versions: StoredSecretVersion[];
  deleted?: { deletedDate: number; scheduledPurgeDate: number };
}

/** What the state file keeps of the vault. */
export interface KeyVaultData {
  secrets: Record<string, StoredSecret>;
}

export function emptyKeyVault(): KeyVaultData {
  return { secrets: {} };
}

/** The body of a set-secret request, as Key Vault's REST API takes it. */
export interface SetSecretBody {
  value?: unknown;
  contentType?: unknown;
  tags?: unknown;
  attributes?: { enabled?: unknown; nbf?: unknown; exp?: unknown };
}

/** Throws Key Vault's 400 unless `name` is a secret name. */
export function checkSecretName(name: string) {
  if (!NAME.test(name)) {
    throw new KeyVaultError(
      400,
      'BadParameter',
      `The request URI contains an invalid name: ${name}. Secret names are 1-127 characters: letters, digits and dashes.`,
    );
  }
}

/**
 * The secrets of one vault: versions, soft delete and purge, with the checks Key Vault makes
 * on names, values, tags and attributes.
 */
export class KeyVaultStore {
  constructor(
    private readonly data: KeyVaultData,
    private readonly persist: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a new version; a deleted name that is not purged yet cannot be reused. */
  set(name: string, body: SetSecretBody): StoredSecretVersion {
    checkSecretName(name);
    const existing = this.data.secrets[name.toLowerCase()];
    if (existing?.deleted) {
      throw new KeyVaultError(
        409,
        'Conflict',
        `Secret ${existing.name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
        'ObjectIsDeletedButRecoverable',
      );
    }
    const version = parseSetBody(body);
    const seconds = Math.floor(this.now() / 1000);
    const stored: StoredSecretVersion = {
      ...version,
      version: randomBytes(16).toString('hex'),
      created: seconds,
      updated: seconds,
    };
    const secret = existing ?? { name, versions: [] };
    secret.versions.push(stored);
    this.data.secrets[name.toLowerCase()] = secret;
    this.persist();
    return stored;
  }

  /** A version, or the latest one when `version` is empty. */
  get(
    name: string,
    version?: string,
  ): { name: string; version: StoredSecretVersion } {
    const secret = this.live(name);
    const found = version
      ? secret.versions.find(v => v.version === version.toLowerCase())
      : secret.versions[secret.versions.length - 1];
    if (!found) {
      throw notFound(`${name}/${version}`);
    }
    if (!found.enabled) {
      throw new KeyVaultError(
        403,
        'Forbidden',
        'Operation get is not allowed on a disabled secret.',
        'SecretDisabled',
      );
    }
    return { name: secret.name, version: found };
  }

  versions(name: string): { name: string; versions: StoredSecretVersion[] } {
    const secret = this.live(name);
    return { name: secret.name, versions: secret.versions };
  }

  /** Soft delete: the secret is kept as a deleted secret until purged. */
  delete(name: string) {
    const secret = this.live(name);
    const deletedDate = Math.floor(this.now() / 1000);
    secret.deleted = {
      deletedDate,
      scheduledPurgeDate: deletedDate + RECOVERABLE_DAYS * 24 * 3600,
    };
    this.persist();
    return this.deletedBundle(secret);
  }

  getDeleted(name: string) {
    return this.deletedBundle(this.deletedSecret(name));
  }

  purge(name: string) {
    this.deletedSecret(name);
    delete this.data.secrets[name.toLowerCase()];
    this.persist();
  }

  private deletedBundle(secret: StoredSecret) {
    return {
      name: secret.name,
      version: secret.versions[secret.versions.length - 1],
      deleted: secret.deleted!,
    };
  }

  private live(name: string): StoredSecret {
    checkSecretName(name);
    const secret = this.data.secrets[name.toLowerCase()];
    if (!secret || secret.deleted) {
      throw notFound(name);
    }
    return secret;
  }

  private deletedSecret(name: string): StoredSecret {
    checkSecretName(name);
    const secret = this.data.secrets[name.toLowerCase()];
    if (!secret?.deleted) {
      throw new KeyVaultError(
        404,
        'SecretNotFound',
        `Deleted Secret not found: ${name}`,
      );
    }
    return secret;
  }
}

/** The attributes every answer carries, in Key Vault's shape. */
export function secretAttributes(version: StoredSecretVersion) {
  return {
    enabled: version.enabled,
    ...(version.nbf !== undefined && { nbf: version.nbf }),
    ...(version.exp !== undefined && { exp: version.exp }),
    created: version.created,
    updated: version.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays: RECOVERABLE_DAYS,
  };
}

function notFound(name: string): KeyVaultError {
  return new KeyVaultError(
    404,
    'SecretNotFound',
    `A secret with (name/id) ${name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
  );
}

function badParameter(message: string): KeyVaultError {
  return new KeyVaultError(400, 'BadParameter', message);
}

function parseSetBody(
  body: SetSecretBody,
): Omit<StoredSecretVersion, 'version' | 'created' | 'updated'> {
  if (typeof body?.value !== 'string') {
    throw badParameter('Property value is required and must be a string.');
  }
  if (Buffer.byteLength(body.value, 'utf8') > MAX_VALUE_BYTES) {
    throw badParameter(
      `Secret value is too large; the maximum is ${MAX_VALUE_BYTES} bytes.`,
    );
  }
  if (body.contentType !== undefined && typeof body.contentType !== 'string') {
    throw badParameter('Property contentType must be a string.');
  }
  if (
    typeof body.contentType === 'string' &&
    body.contentType.length > MAX_CONTENT_TYPE
  ) {
    throw badParameter(
      `Property contentType is too long; the maximum is ${MAX_CONTENT_TYPE} characters.`,
    );
  }
  if (
    body.attributes !== undefined &&
    body.attributes !== null &&
    (typeof body.attributes !== 'object' || Array.isArray(body.attributes))
  ) {
    throw badParameter('Property attributes must be an object.');
  }
  const attributes = body.attributes ?? {};
  const time = (key: 'nbf' | 'exp') => {
    const value = attributes[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!Number.isInteger(value)) {
      throw badParameter(
        `Property attributes.${key} must be a time in seconds since 1970.`,
      );
    }
    return value as number;
  };
  if (
    attributes.enabled !== undefined &&
    typeof attributes.enabled !== 'boolean'
  ) {
    throw badParameter('Property attributes.enabled must be a boolean.');
  }
  return {
    value: body.value,
    contentType: body.contentType,
    tags: parseTags(body.tags),
    enabled: (attributes.enabled as boolean | undefined) ?? true,
    nbf: time('nbf'),
    exp: time('exp'),
  };
}

function parseTags(tags: unknown): Record<string, string> | undefined {
  if (tags === undefined || tags === null) {
    return undefined;
  }
  if (typeof tags !== 'object' || Array.isArray(tags)) {
    throw badParameter('Property tags must be an object of strings.');
  }
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) {
    throw badParameter(
      `The number of tags (${entries.length}) exceeds the maximum of ${MAX_TAGS}.`,
    );
  }
  for (const [name, value] of entries) {
    if (typeof value !== 'string') {
      throw badParameter(`Tag ${name} must have a string value.`);
    }
    if (name.length > MAX_TAG_NAME || value.length > MAX_TAG_VALUE) {
      throw badParameter(
        `Tag ${name.slice(
          0,
          40,
        )} is too long: names take at most ${MAX_TAG_NAME} characters, values ${MAX_TAG_VALUE}.`,
      );
    }
  }
  return tags as Record<string, string>;
}
