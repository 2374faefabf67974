import { targetPaths } from '@backstage/cli-common';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  ENTRA_CLOUDS,
  EntraCloud,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraCloudEndpoints,
  normalizeAuthorityHost,
  normalizeGraphUrl,
} from '../clouds';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './retry';

/**
 * How the directory client authenticates to Microsoft Graph.
 *
 * @public
 */
export type EntraDirectoryCredentialConfig =
  | { type: 'clientSecret'; clientId: string; clientSecret: string }
  | { type: 'certificate'; clientId: string; certificatePath: string }
  | { type: 'workloadIdentity'; clientId: string; tokenFilePath: string }
  /** DefaultAzureCredential: environment, workload identity, managed identity, Azure CLI… */
  | { type: 'default'; clientId?: string };

/**
 * The resolved settings of the directory client, from `camundaEntra.directory` or, for the
 * CLI, the AZURE_* environment variables.
 *
 * @public
 */
export interface EntraDirectoryConfig {
  tenantId: string;
  credential: EntraDirectoryCredentialConfig;
  cloud: EntraCloud;
  /** The cloud's authority host unless overridden (e.g. the local sandbox). */
  authorityHost: string;
  /** The cloud's Graph base URL unless overridden; an origin, without version. */
  graphUrl: string;
  /** Extra CA (PEM file) trusted for the authority and Graph, e.g. the sandbox's. */
  caFile?: string;
  /** Lifetime of new client secrets. */
  secretLifetimeDays: number;
  /** Upper bound for any requested secret lifetime. */
  maxSecretLifetimeDays: number;
  /** Grant tenant-wide consent for the sign-in scopes (needs DelegatedPermissionGrant.ReadWrite.All). */
  grantAdminConsent: boolean;
  /** Object IDs of users or service principals made owners of every registered application. */
  owners: string[];
  retry: RetryPolicy;
}

/**
 * Unresolved settings: everything but the tenant is optional.
 *
 * @public
 */
export interface EntraDirectoryConfigInput {
  tenantId: string;
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
  federatedTokenFile?: string;
  cloud?: string;
  authorityHost?: string;
  graphUrl?: string;
  caFile?: string;
  secretLifetimeDays?: number;
  maxSecretLifetimeDays?: number;
  grantAdminConsent?: boolean;
  owners?: string[];
  retry?: Partial<RetryPolicy>;
}

/** Entra's default (and most tenants' maximum) client secret lifetime. */
const ENTRA_MAX_SECRET_LIFETIME_DAYS = 730;
const DEFAULT_SECRET_LIFETIME_DAYS = 180;

function positiveDays(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `camundaEntra.directory.${key} must be a whole number of days >= 1`,
    );
  }
  return value;
}

function credentialConfig(
  input: EntraDirectoryConfigInput,
): EntraDirectoryCredentialConfig {
  const given = [
    input.clientSecret && 'clientSecret',
    input.certificatePath && 'certificatePath',
    input.federatedTokenFile && 'federatedTokenFile',
  ].filter(Boolean);
  if (given.length > 1) {
    throw new InputError(
      `camundaEntra.directory: configure one credential, not ${given.join(
        ' and ',
      )}`,
    );
  }
  if (given.length === 1 && !input.clientId) {
    throw new InputError(
      `camundaEntra.directory.clientId is required with ${given[0]}`,
    );
  }
  const clientId = input.clientId!;
  if (input.clientSecret) {
    return { type: 'clientSecret', clientId, clientSecret: input.clientSecret };
  }
  if (input.certificatePath) {
    return {
      type: 'certificate',
      clientId,
      certificatePath: input.certificatePath,
    };
  }
  if (input.federatedTokenFile) {
    return {
      type: 'workloadIdentity',
      clientId,
      tokenFilePath: input.federatedTokenFile,
    };
  }
  return { type: 'default', clientId: input.clientId };
}

/**
 * Validates settings and fills in defaults: the cloud's hosts, secret lifetimes, retries.
 *
 * @public
 */
export function resolveEntraDirectoryConfig(
  input: EntraDirectoryConfigInput,
): EntraDirectoryConfig {
  if (!input.tenantId) {
    throw new InputError('camundaEntra.directory.tenantId is required');
  }
  const cloud = (input.cloud ?? 'global') as EntraCloud;
  if (!ENTRA_CLOUDS.includes(cloud)) {
    throw new InputError(
      `camundaEntra.directory.cloud must be one of ${ENTRA_CLOUDS.join(
        ', ',
      )}, got '${input.cloud}'`,
    );
  }
  const endpoints = entraCloudEndpoints(cloud);
  const maxSecretLifetimeDays = positiveDays(
    input.maxSecretLifetimeDays ?? ENTRA_MAX_SECRET_LIFETIME_DAYS,
    'maxSecretLifetimeDays',
  );
  return {
    tenantId: input.tenantId,
    credential: credentialConfig(input),
    cloud,
    authorityHost: normalizeAuthorityHost(
      input.authorityHost ?? endpoints.authorityHost,
      'camundaEntra.directory.authorityHost',
    ),
    graphUrl: normalizeGraphUrl(
      input.graphUrl ?? endpoints.graphUrl,
      'camundaEntra.directory.graphUrl',
    ),
    caFile: input.caFile,
    secretLifetimeDays: Math.min(
      positiveDays(
        input.secretLifetimeDays ?? DEFAULT_SECRET_LIFETIME_DAYS,
        'secretLifetimeDays',
      ),
      maxSecretLifetimeDays,
    ),
    maxSecretLifetimeDays,
    grantAdminConsent: input.grantAdminConsent ?? false,
    owners: input.owners ?? [],
    retry: {
      maxRetries: input.retry?.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseDelayMs: input.retry?.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxDelayMs: input.retry?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    },
  };
}

/**
 * Reads `camundaEntra.directory` from app-config (documented in config.d.ts). Relative file
 * paths start at the repository root, like the other camundaEntra paths.
 *
 * @public
 */
export function readEntraDirectoryConfig(config: Config): EntraDirectoryConfig {
  const c = config.getConfig('camundaEntra.directory');
  const retry = c.getOptionalConfig('retry');
  const file = (key: string) => {
    const value = c.getOptionalString(key);
    return value && targetPaths.resolveRoot(value);
  };
  return resolveEntraDirectoryConfig({
    tenantId: c.getString('tenantId'),
    clientId: c.getOptionalString('clientId'),
    clientSecret: c.getOptionalString('clientSecret'),
    certificatePath: file('certificatePath'),
    federatedTokenFile: file('federatedTokenFile'),
    cloud: c.getOptionalString('cloud'),
    authorityHost: c.getOptionalString('authorityHost'),
    graphUrl: c.getOptionalString('graphUrl'),
    caFile: file('caFile'),
    secretLifetimeDays: c.getOptionalNumber('secretLifetimeDays'),
    maxSecretLifetimeDays: c.getOptionalNumber('maxSecretLifetimeDays'),
    grantAdminConsent: c.getOptionalBoolean('grantAdminConsent'),
    owners: c.getOptionalStringArray('owners'),
    retry: retry && {
      maxRetries: retry.getOptionalNumber('maxRetries'),
      baseDelayMs: retry.getOptionalNumber('baseDelayMs'),
      maxDelayMs: retry.getOptionalNumber('maxDelayMs'),
    },
  });
}
