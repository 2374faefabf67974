/**
 * Test utilities for code that uses the Camunda Entra directory client: the directory
 * settings of an Entra sandbox (`@camunda-entra/entra-sandbox`), the guide's example
 * deployment spec in its tenant, clients of its Key Vault and what an upgrade to 8.10 needs.
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
export { UPGRADE_TO_8_10_INPUT } from './upgradeInput';
