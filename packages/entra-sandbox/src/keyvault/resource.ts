/** The resource (and token audience) of Key Vault's data plane in Azure's public cloud. */
export const KEY_VAULT_RESOURCE = 'https://vault.azure.net';
