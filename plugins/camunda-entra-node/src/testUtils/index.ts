/**
 * Test utilities for code that uses the Camunda Entra directory client: the directory
 * settings of an Entra sandbox (`@camunda-entra/entra-sandbox`), the guide's example
 * deployment spec in its tenant and clients of its Key Vault.
 *
 * @packageDocumentation
 */

export { guideSpec } from './guideSpec';
export { sandboxDirectoryConfig } from './sandboxDirectory';
export type {
  SandboxDirectoryConnection,
  SandboxTenant,
} from './sandboxDirectory';
export { sandboxVaultClient, VAULT_READER, VAULT_WRITER } from './sandboxVault';
export type { SandboxVaultIdentity } from './sandboxVault';
