import { SecretClient } from '@azure/keyvault-secrets';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  createEntraCredential,
  resolveEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { sandboxDirectoryConfig } from './sandboxDirectory';

/** The portal's identity in a sandbox with a vault: it may write secrets. */
export const VAULT_WRITER = {
  clientId: '0c000000-0000-4000-8000-000000000001',
  clientSecret: 'portal-identity-secret',
  keyVaultRoles: ['Key Vault Secrets Officer'],
};

/** The External Secrets Operator's identity: it may read secrets, not write them. */
export const VAULT_READER = {
  clientId: '0c000000-0000-4000-8000-000000000002',
  clientSecret: 'operator-identity-secret',
  keyVaultRoles: ['Key Vault Secrets User'],
};

/** A client of the sandbox's vault signed in as `identity`, as any other program would be. */
export function sandboxVaultClient(
  sandbox: EntraSandbox,
  identity: { clientId: string; clientSecret: string },
): SecretClient {
  const directory = resolveEntraDirectoryConfig(
    sandboxDirectoryConfig(sandbox, {
      clientId: identity.clientId,
      clientSecret: identity.clientSecret,
    }),
  );
  const ca = [sandbox.caPem];
  return new SecretClient(
    sandbox.keyVaultUrl!,
    createEntraCredential(directory, ca),
    { disableChallengeResourceVerification: true, tlsOptions: { ca } },
  );
}
