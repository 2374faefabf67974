/** Key Vault data actions on secrets, as the vault names them in a 403. */
export const KEY_VAULT_ACTIONS = {
  set: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  get: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  readMetadata: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
  delete: 'Microsoft.KeyVault/vaults/secrets/delete',
  readDeleted: 'Microsoft.KeyVault/vaults/deletedSecrets/read',
  purge: 'Microsoft.KeyVault/vaults/deletedSecrets/delete',
} as const;

export type KeyVaultAction =
  (typeof KEY_VAULT_ACTIONS)[keyof typeof KEY_VAULT_ACTIONS];

const ALL = Object.values(KEY_VAULT_ACTIONS);

/**
 * Azure's built-in Key Vault roles (RBAC permission model) and the secret actions each allows.
 *
 * @public
 */
export const ENTRA_SANDBOX_KEY_VAULT_ROLES: Readonly<
  Record<string, readonly string[]>
> = {
  'Key Vault Administrator': ALL,
  'Key Vault Secrets Officer': ALL,
  'Key Vault Secrets User': [
    KEY_VAULT_ACTIONS.get,
    KEY_VAULT_ACTIONS.readMetadata,
  ],
  'Key Vault Reader': [KEY_VAULT_ACTIONS.readMetadata],
};

/** Throws unless every role is one the sandbox knows. */
export function checkKeyVaultRoles(roles: string[], owner: string) {
  for (const role of roles) {
    if (!ENTRA_SANDBOX_KEY_VAULT_ROLES[role]) {
      throw new Error(
        `Unknown Key Vault role '${role}' for ${owner}; use one of ${Object.keys(
          ENTRA_SANDBOX_KEY_VAULT_ROLES,
        ).join(', ')}`,
      );
    }
  }
}

export function rolesAllow(roles: string[], action: KeyVaultAction): boolean {
  return roles.some(role =>
    ENTRA_SANDBOX_KEY_VAULT_ROLES[role]?.includes(action),
  );
}
