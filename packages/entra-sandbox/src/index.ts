/**
 * A local stand-in for Microsoft Entra ID and the Microsoft Graph subset the Camunda Entra
 * plugins use: HTTPS on 127.0.0.1, OIDC discovery and client-credentials tokens, app
 * registrations, service principals, consent grants and `$batch`, with fault injection.
 *
 * @packageDocumentation
 */

export { startEntraSandbox } from './startEntraSandbox';
export type { EntraSandbox, EntraSandboxOptions } from './startEntraSandbox';
export type { EntraSandboxAdmin } from './admin';
export type { EntraSandboxCounters } from './counters';
export type { EntraSandboxFaults, EntraSandboxInjectedError } from './faults';
export type { EntraSandboxIdentity } from './oidc/identities';
export type {
  EntraSandboxRateLimit,
  EntraSandboxThrottling,
} from './throttling';
export type { SandboxUser } from './directory/store';
export { ENTRA_SANDBOX_DEV_DEFAULTS } from './devDefaults';
export { generateClientCertificate } from './tls/certificates';
