import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { SecretStoreSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { readKeyVaultSecretStore } from '../values/secretStoreConfig';

/**
 * The Azure Key Vault secret sink's settings (`camundaEntra.secretSink.azureKeyVault`).
 *
 * @public
 */
export interface AzureKeyVaultSinkConfig {
  /** The vault's origin, e.g. https://payments-kv.vault.azure.net */
  vaultUrl: string;
  /**
   * How the cluster reads this vault, for the generated repositories: each deployment's own
   * SecretStore as `workloadIdentity`, or an existing store (`storeRef`).
   */
  store: Pick<SecretStoreSpec, 'workloadIdentity' | 'storeRef'>;
  /** An identity of the sink's own instead of the directory's automation identity. */
  identity?: { tenantId?: string; clientId: string; clientSecret: string };
  /** Extra CA (PEM file) trusted for the vault and the identity's authority; default the directory's. */
  caFile?: string;
}

/**
 * Which secret sink provisioning writes to (`camundaEntra.secretSink`).
 *
 * @public
 */
export type SecretSinkConfig =
  | { type: 'local'; directory?: string }
  | {
      type: 'kubernetes';
      context?: string;
      /** Glob patterns (`*`); unset allows every namespace but Kubernetes' own. */
      allowedNamespaces?: string[];
    }
  | { type: 'azureKeyVault'; azureKeyVault: AzureKeyVaultSinkConfig };

const PREFIX = 'camundaEntra.secretSink';

/**
 * Reads `camundaEntra.secretSink` (default: the local sink), refusing settings that could
 * not work with an InputError naming the key.
 *
 * @public
 */
export function readSecretSinkConfig(config: Config): SecretSinkConfig {
  const sink = config.getOptionalConfig(PREFIX);
  const type = sink?.getOptionalString('type') ?? 'local';
  if (type === 'local') {
    return {
      type,
      directory: sink?.getOptionalString('local.directory'),
    };
  }
  if (type === 'kubernetes') {
    return {
      type,
      context: sink?.getOptionalString('kubernetes.context'),
      allowedNamespaces: readAllowedNamespaces(sink),
    };
  }
  if (type === 'azureKeyVault') {
    return { type, azureKeyVault: readAzureKeyVault(sink!) };
  }
  throw new InputError(
    `${PREFIX}.type must be local, kubernetes or azureKeyVault, not ${type}`,
  );
}

/** How the cluster reads the vault, without the vault the sink config names already. */
function pickStore({
  workloadIdentity,
  storeRef,
}: SecretStoreSpec): AzureKeyVaultSinkConfig['store'] {
  return {
    ...(workloadIdentity && { workloadIdentity }),
    ...(storeRef && { storeRef }),
  };
}

function readAzureKeyVault(sink: Config): AzureKeyVaultSinkConfig {
  const prefix = `${PREFIX}.azureKeyVault`;
  const vault = sink.getConfig('azureKeyVault');
  const vaultUrl = readVaultUrl(
    vault.getString('vaultUrl'),
    `${prefix}.vaultUrl`,
  );
  const clientId = vault.getOptionalString('clientId');
  const clientSecret = vault.getOptionalString('clientSecret');
  const tenantId = vault.getOptionalString('tenantId');
  if (Boolean(clientId) !== Boolean(clientSecret) || (tenantId && !clientId)) {
    // Half an identity would silently fall back to the directory's.
    throw new InputError(
      `${prefix}: clientId and clientSecret go together (tenantId only with them); leave all out to use the directory's identity`,
    );
  }
  return {
    vaultUrl,
    store: pickStore(readKeyVaultSecretStore(vault)),
    ...(clientId &&
      clientSecret && {
        identity: { ...(tenantId && { tenantId }), clientId, clientSecret },
      }),
    caFile: vault.getOptionalString('caFile'),
  };
}

/** The vault's origin: secret ids and the SDK's requests are built on it. */
function readVaultUrl(value: string, key: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    url.protocol !== 'https:' ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new InputError(
      `${key} must be the vault's https URL without a path, e.g. https://payments-kv.vault.azure.net, not ${value}`,
    );
  }
  return url.origin;
}

function readAllowedNamespaces(sink: Config | undefined): string[] | undefined {
  const key = 'kubernetes.allowedNamespaces';
  const patterns = sink?.getOptionalStringArray(key);
  if (!patterns) {
    return undefined;
  }
  if (patterns.length === 0) {
    // An empty list would refuse every request; leaving it out is what allows all.
    throw new InputError(
      `${PREFIX}.${key} must name at least one namespace pattern; leave it out to allow every namespace but Kubernetes' own`,
    );
  }
  patterns.forEach((pattern, index) => {
    if (!/^[a-z0-9*-]+$/.test(pattern)) {
      throw new InputError(
        `${PREFIX}.${key}[${index}]: ${JSON.stringify(
          pattern,
        )} can never match a namespace; use lower-case letters, digits, "-" and "*"`,
      );
    }
  });
  return patterns;
}
