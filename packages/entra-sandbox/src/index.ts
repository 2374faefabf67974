/**
 * A local stand-in for Microsoft Entra ID and the Microsoft Graph subset the Camunda Entra
 * plugins and the portal use: HTTPS on 127.0.0.1, OIDC discovery, client-credentials tokens
 * and the authorization code flow with a sign-in page, app registrations, service principals,
 * consent grants, users, groups and `$batch`, with fault injection; and Key Vault's secrets
 * data plane on a listener of its own.
 *
 * @packageDocumentation
 */

export { startEntraSandbox } from './startEntraSandbox';
export type { EntraSandbox, EntraSandboxOptions } from './startEntraSandbox';
export type { EntraSandboxAdmin } from './admin';
export type { EntraSandboxCounters } from './counters';
export type { EntraSandboxFaults, EntraSandboxInjectedError } from './faults';
export type {
  EntraSandboxIdentity,
  EntraSandboxSignInClient,
} from './oidc/identities';
export {
  ENTRA_SANDBOX_DEFAULT_ROLES,
  ENTRA_SANDBOX_GRAPH_ROLES,
} from './oidc/identities';
export { ENTRA_SANDBOX_KEY_VAULT_ROLES } from './keyvault/roles';
export type {
  EntraSandboxRateLimit,
  EntraSandboxThrottling,
} from './throttling';
export type { Entity, SandboxGroup, SandboxUser } from './directory/store';
export {
  parseSandboxDirectory,
  readSandboxDirectoryFile,
} from './directory/directoryFile';
export type {
  EntraSandboxDirectory,
  EntraSandboxOrganization,
} from './directory/directoryFile';
export { ENTRA_SANDBOX_DEV_DEFAULTS } from './devDefaults';
export { generateClientCertificate } from './tls/certificates';
