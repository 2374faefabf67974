import {
  isRestError,
  KeyVaultSecret,
  SecretClient,
} from '@azure/keyvault-secrets';
import { ConflictError, InputError, isError } from '@backstage/errors';
import { EntraDirectoryConfig } from '../directory/config';
import { createEntraCredential } from '../directory/credentials';
import { keyVaultSecretName } from '../values/keyVault';
import { readFile } from 'fs/promises';
import { rootCertificates } from 'tls';
import { AzureKeyVaultSinkConfig } from './config';
import { redacted } from './redacted';
import {
  SecretSink,
  SecretSinkKeyMetadata,
  SecretSinkOperation,
  SecretSinkRefusedError,
  SecretSinkTarget,
} from './SecretSink';
import { MANAGER } from './secretManifest';

const CONTENT_TYPE = 'text/plain';
const MANAGED_BY_TAG = 'managed-by';
const NAME = /^[0-9a-zA-Z-]{1,127}$/;
/** The role the sink's identity needs on the vault (RBAC permission model). */
const WRITER_ROLE = 'Key Vault Secrets Officer';
/** Hosts of Key Vault in Azure's clouds; any other (the sandbox) skips the SDK's check. */
const KEY_VAULT_DOMAINS = [
  'vault.azure.net',
  'vault.azure.cn',
  'vault.usgovcloudapi.net',
  'vault.microsoftazure.de',
];
/** The token scopes of Key Vault's data plane in those clouds: the only tokens the sink asks for. */
const KEY_VAULT_SCOPES = KEY_VAULT_DOMAINS.map(
  domain => `https://${domain}/.default`,
);
const CREDENTIAL_ERRORS = [
  'AuthenticationError',
  'AggregateAuthenticationError',
  'CredentialUnavailableError',
  'VaultScopeError',
];

type VaultCredential = ConstructorParameters<typeof SecretClient>[1];

/** A vault's challenge named a resource other than Key Vault; no token was asked for. */
class VaultScopeError extends Error {
  name = 'VaultScopeError' as const;
}

/**
 * Stores each client secret as a secret of its own in an Azure Key Vault, where the External
 * Secrets Operator reads it into the cluster: `camunda-<deployment>-<key>`, content type
 * text/plain, tagged with the deployment, client and request, expiring with the Entra secret.
 * Writing again or rotating adds a version. Secrets of another deployment or not created by
 * camunda-entra are left alone and the delivery fails.
 *
 * @public
 */
export class AzureKeyVaultSecretSink implements SecretSink {
  /**
   * As configured: the directory's automation identity unless the sink names its own, and
   * the directory's extra CA unless the sink names one (read on first use, as the sandbox may
   * write it only once it has started).
   */
  static fromConfig(options: {
    config: AzureKeyVaultSinkConfig;
    directory: EntraDirectoryConfig;
  }): AzureKeyVaultSecretSink {
    const { config, directory } = options;
    const identity: EntraDirectoryConfig = config.identity
      ? {
          ...directory,
          tenantId: config.identity.tenantId ?? directory.tenantId,
          credential: {
            type: 'clientSecret',
            clientId: config.identity.clientId,
            clientSecret: config.identity.clientSecret,
          },
        }
      : directory;
    const caFile = config.caFile ?? directory.caFile;
    return new AzureKeyVaultSecretSink(config.vaultUrl, async () => {
      const ca = caFile ? withRoots(await readCa(caFile)) : undefined;
      return secretClient(
        config.vaultUrl,
        keyVaultTokensOnly(createEntraCredential(identity, ca)),
        ca,
      );
    });
  }

  private client?: Promise<SecretClient>;

  private constructor(
    private readonly vaultUrl: string,
    private readonly createClient: () => Promise<SecretClient>,
  ) {}

  describe(target: SecretSinkTarget, operation: SecretSinkOperation): string {
    const pattern = keyVaultSecretName(target.deployment, '<key>');
    return operation === 'update'
      ? `A new version of the rotated client's secret ${pattern} in Azure Key Vault ${this.vaultUrl}, expiring with the new Entra secret`
      : `One secret per client secret, ${pattern} (e.g. ${keyVaultSecretName(
          target.deployment,
          'orchestration-cluster-client-secret',
        )}), in Azure Key Vault ${
          this.vaultUrl
        }: content type ${CONTENT_TYPE}, tagged with the deployment, client and request, expiring with the Entra secret; an existing one gets a new version`;
  }

  locate(target: SecretSinkTarget, key: string): string {
    return this.location([keyVaultSecretName(target.deployment, key)]);
  }

  /**
   * The deployment name becomes part of each secret name, and the spec must name this vault as
   * its secret store, or the cluster would look for the secrets elsewhere.
   */
  checkTarget(target: SecretSinkTarget): void {
    if (!target.secretStore) {
      throw new InputError(
        `secretStore: the portal delivers client secrets to Azure Key Vault ${this.vaultUrl}, so the spec must name that vault in secretStore (type azureKeyVault, vaultUrl, and workloadIdentity or storeRef) for the values to read them from there`,
      );
    }
    if (new URL(target.secretStore.vaultUrl).origin !== this.vaultUrl) {
      throw new InputError(
        `secretStore.vaultUrl: ${target.secretStore.vaultUrl} is not the vault the portal delivers client secrets to (${this.vaultUrl})`,
      );
    }
    const prefix = keyVaultSecretName(target.deployment, '');
    if (!NAME.test(prefix)) {
      throw new InputError(
        `deployment: ${JSON.stringify(
          target.deployment,
        )} cannot be part of a Key Vault secret name (letters, digits and "-", at most 127 characters in all)`,
      );
    }
  }

  /** The vault secret of `key`, if camunda-entra stored it for the target's deployment. */
  async read(
    target: SecretSinkTarget,
    key: string,
  ): Promise<string | undefined> {
    this.checkTarget(target);
    const name = keyVaultSecretName(target.deployment, key);
    let secret: KeyVaultSecret | undefined;
    try {
      secret = await orUndefined((await this.secretClient()).getSecret(name));
    } catch (error) {
      // The SDK's errors hold the response, which for a read is the secret itself.
      throw new Error(
        `Could not read the secret ${name} in Azure Key Vault ${
          this.vaultUrl
        }: ${readFailure(error)}`,
      );
    }
    if (!secret) {
      return undefined;
    }
    checkTags(secret, target, `Key Vault secret ${name} in ${this.vaultUrl}`);
    return secret.value;
  }

  readonly write: SecretSink['write'] = (target, data, metadata) =>
    this.deliver(target, data, metadata);

  /** Each key is a vault secret of its own, so a rotation is a write of that key. */
  readonly update: SecretSink['update'] = this.write;

  private async deliver(
    target: SecretSinkTarget,
    data: Record<string, string>,
    metadata: Record<string, SecretSinkKeyMetadata> = {},
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    const entries = Object.entries(data).map(([key, value]) => ({
      key,
      value,
      name: keyVaultSecretName(target.deployment, key),
      metadata: metadata[key],
    }));
    for (const { key, name } of entries) {
      if (!NAME.test(name)) {
        throw new InputError(
          `The key ${key} makes the Key Vault secret name ${name}, which Key Vault refuses (letters, digits and "-", at most 127 characters)`,
        );
      }
    }
    const client = await this.secretClient();
    const stored: string[] = [];
    let current = entries[0]?.name;
    try {
      // Every name is checked before the first is written, so a refusal stores nothing.
      for (const { name } of entries) {
        current = name;
        await this.checkOwnership(client, target, name);
      }
      for (const entry of entries) {
        current = entry.name;
        await client.setSecret(entry.name, entry.value, {
          contentType: CONTENT_TYPE,
          tags: {
            [MANAGED_BY_TAG]: MANAGER,
            deployment: target.deployment,
            ...(entry.metadata && { client: entry.metadata.client }),
            request: target.requestId,
          },
          ...(entry.metadata && {
            expiresOn: vaultTime(entry.metadata.expiresAt),
          }),
        });
        stored.push(entry.name);
      }
    } catch (error) {
      throw this.failure(error, current, stored, data);
    }
    return { location: this.location(entries.map(entry => entry.name)) };
  }

  /** Where the secrets went, without their values: the vault and each secret's name. */
  private location(names: string[]): string {
    return `Azure Key Vault ${this.vaultUrl}: ${names.join(', ')}`;
  }

  private secretClient(): Promise<SecretClient> {
    this.client ??= this.createClient().catch(error => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  /** Throws unless `name` is free or camunda-entra's secret of this deployment. */
  private async checkOwnership(
    client: SecretClient,
    target: SecretSinkTarget,
    name: string,
  ) {
    const secret = `Key Vault secret ${name} in ${this.vaultUrl}`;
    const existing = await orUndefined(client.getSecret(name));
    if (!existing) {
      // A name deleted but not purged cannot be set again (409 Conflict).
      if (await this.isDeleted(client, name)) {
        const id = `${this.vaultUrl}/deletedsecrets/${name}`;
        throw new ConflictError(
          `${secret} was deleted and is kept for recovery, so its name cannot be reused; recover it (az keyvault secret recover --id ${id}) or purge it (az keyvault secret purge --id ${id}), then retry`,
        );
      }
      return;
    }
    checkTags(existing, target, secret);
  }

  /** Unknown (false) when the identity may not read deleted secrets. */
  private async isDeleted(client: SecretClient, name: string) {
    try {
      await client.getDeletedSecret(name);
      return true;
    } catch (error) {
      if (isRestError(error) && [403, 404].includes(error.statusCode ?? 0)) {
        return false;
      }
      throw error;
    }
  }

  /**
   * An error without the SDK's request (which holds the secret text): a refusal when the
   * vault or the sign-in answered no before anything was stored.
   */
  private failure(
    error: unknown,
    name: string | undefined,
    stored: string[],
    data: Record<string, string>,
  ): Error {
    if (error instanceof ConflictError) {
      return error;
    }
    const done = stored.length
      ? ` after it stored ${stored.join(', ')}, which stay`
      : '';
    const secret = `the secret ${name} in Azure Key Vault ${this.vaultUrl}`;
    let message: string;
    let refused = false;
    if (isRestError(error) && error.statusCode !== undefined) {
      const status = error.statusCode;
      refused = status >= 400 && status < 500;
      message = `Azure Key Vault ${
        this.vaultUrl
      } refused the secret ${name}${done}: HTTP ${status}${
        error.code ? ` ${error.code}` : ''
      }. ${
        // A role refusal names caller and action; other 403s (a disabled secret) say why.
        status === 403 && error.message.includes('Caller:')
          ? missingRole(error.message)
          : error.message
      }`;
    } else if (isError(error) && CREDENTIAL_ERRORS.includes(error.name)) {
      refused = true;
      message = `Could not sign in to write ${secret}${done}: ${error.message}`;
    } else {
      message = `Could not reach Azure Key Vault to write ${secret}${done}: ${
        isError(error) ? error.message : String(error)
      }`;
    }
    const Kind = refused && !stored.length ? SecretSinkRefusedError : Error;
    return new Kind(redacted(message, data));
  }
}

/** Throws unless the vault secret is camunda-entra's secret of the target's deployment. */
function checkTags(
  existing: KeyVaultSecret,
  target: SecretSinkTarget,
  secret: string,
) {
  const tags = existing.properties.tags ?? {};
  if (tags[MANAGED_BY_TAG] !== MANAGER) {
    throw new ConflictError(
      `${secret} already exists and has no tag ${MANAGED_BY_TAG}=${MANAGER}, so it is not camunda-entra's; it was left unchanged. Delete it, or tag it ${MANAGED_BY_TAG}=${MANAGER} and deployment=${target.deployment} to hand it over, then retry`,
    );
  }
  if (tags.deployment !== target.deployment) {
    throw new ConflictError(
      `${secret} belongs to ${
        tags.deployment
          ? `the deployment ${tags.deployment}`
          : 'no recorded deployment'
      } (tag deployment), not ${
        target.deployment
      }; it was left unchanged. Deployments sharing a vault need different names`,
    );
  }
}

/** Why a read failed, without anything of the response. */
function readFailure(error: unknown): string {
  if (isRestError(error) && error.statusCode !== undefined) {
    return `HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ''}`;
  }
  if (isError(error) && CREDENTIAL_ERRORS.includes(error.name)) {
    return `could not sign in: ${error.message}`;
  }
  return 'it could not be reached';
}

/** Who was refused which action, from the vault's answer, and the role that allows it. */
function missingRole(serviceMessage: string): string {
  const caller = /Caller: ([^\r\n]+)/.exec(serviceMessage)?.[1];
  const action = /Action: '([^']+)'/.exec(serviceMessage)?.[1] ?? 'that';
  return `The portal's identity (${caller}) may not do ${action} there: assign it the role ${WRITER_ROLE} on the vault`;
}

/** The secret, or undefined when the vault has none of that name (404). */
async function orUndefined(
  read: Promise<KeyVaultSecret>,
): Promise<KeyVaultSecret | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isRestError(error) && error.statusCode === 404) {
      return undefined;
    }
    throw error;
  }
}

/**
 * The credential, giving tokens for Key Vault only. The SDK asks for a token for whatever
 * resource the vault's 401 challenge names; where it does not check that resource against the
 * vault's host (a host outside Key Vault's domains, such as the sandbox), that host could name
 * Microsoft Graph and be sent the identity's Graph token, which for the directory's
 * automation identity may change applications.
 */
function keyVaultTokensOnly(credential: VaultCredential): VaultCredential {
  return {
    getToken: async (scopes, options) => {
      const foreign = [scopes]
        .flat()
        .filter(scope => !KEY_VAULT_SCOPES.includes(scope));
      if (foreign.length > 0) {
        throw new VaultScopeError(
          `the vault's challenge asked for a token for ${foreign.join(
            ', ',
          )}, which is not Key Vault's; the sink's identity signs in to Key Vault only (${KEY_VAULT_SCOPES.join(
            ', ',
          )})`,
        );
      }
      return credential.getToken(scopes, options);
    },
  };
}

function secretClient(
  vaultUrl: string,
  credential: VaultCredential,
  ca: string[] | undefined,
): SecretClient {
  const host = new URL(vaultUrl).hostname;
  return new SecretClient(vaultUrl, credential, {
    // The SDK checks that the challenge's resource is the vault's domain; a vault elsewhere
    // (the sandbox on 127.0.0.1) would fail that check.
    disableChallengeResourceVerification: !KEY_VAULT_DOMAINS.some(domain =>
      host.endsWith(`.${domain}`),
    ),
    ...(ca && { tlsOptions: { ca } }),
  });
}

/** Key Vault keeps whole seconds: never later than the Entra secret's end. */
function vaultTime(iso: string): Date {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000);
}

/** Node trusts only the given CAs once any are given: keep the public roots. */
function withRoots(caPem: string): string[] {
  return [...rootCertificates, caPem];
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `The CA file ${file} for the Azure Key Vault secret sink cannot be read`,
      error,
    );
  }
}
