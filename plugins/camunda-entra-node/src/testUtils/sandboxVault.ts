import { SecretClient } from '@azure/keyvault-secrets';
import { resolveEntraDirectoryConfig } from '../directory/config';
import { createEntraCredential } from '../directory/credentials';
import { SandboxTenant, sandboxDirectoryConfig } from './sandboxDirectory';

/**
 * An identity of a sandbox started with `keyVaultPort`, holding the vault roles named.
 *
 * @public
 */
export interface SandboxVaultIdentity {
  /** The application's client ID, a GUID. */
  clientId: string;
  /** Its client secret in the sandbox. */
  clientSecret: string;
  /** Its roles on the vault, e.g. Key Vault Secrets Officer. */
  keyVaultRoles: string[];
}

/**
 * The portal's identity in a sandbox with a vault: it may write secrets.
 *
 * @public
 */
export const VAULT_WRITER: SandboxVaultIdentity = {
  clientId: '0c000000-0000-4000-8000-000000000001',
  clientSecret: 'portal-identity-secret',
  keyVaultRoles: ['Key Vault Secrets Officer'],
};

/**
 * The External Secrets Operator's identity: it may read secrets, not write them.
 *
 * @public
 */
export const VAULT_READER: SandboxVaultIdentity = {
  clientId: '0c000000-0000-4000-8000-000000000002',
  clientSecret: 'operator-identity-secret',
  keyVaultRoles: ['Key Vault Secrets User'],
};

/**
 * A client of the sandbox's vault signed in as `identity`, as any other program would be.
 *
 * @public
 */
export function sandboxVaultClient(
  sandbox: SandboxTenant & { keyVaultUrl?: string; caPem: string },
  identity: { clientId: string; clientSecret: string },
): SecretClient {
  if (!sandbox.keyVaultUrl) {
    throw new Error('The sandbox runs no vault; start it with keyVaultPort');
  }
  const directory = resolveEntraDirectoryConfig(
    sandboxDirectoryConfig(sandbox, {
      clientId: identity.clientId,
      clientSecret: identity.clientSecret,
    }),
  );
  const ca = [sandbox.caPem];
  return new SecretClient(
    sandbox.keyVaultUrl,
    createEntraCredential(directory, ca),
    { disableChallengeResourceVerification: true, tlsOptions: { ca } },
  );
}
