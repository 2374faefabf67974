export { DefaultEntraDirectory } from './DefaultEntraDirectory';
export type { DefaultEntraDirectoryOptions } from './DefaultEntraDirectory';
export type {
  GraphResponseEvent,
  GraphResponseListener,
} from './graphResponses';
export { EntraRegistrationError } from './registrationError';
export {
  readEntraDirectoryConfig,
  resolveEntraDirectoryConfig,
} from './config';
export { createEntraCredential } from './credentials';
export type {
  EntraDirectoryConfig,
  EntraDirectoryConfigInput,
  EntraDirectoryCredentialConfig,
} from './config';
export { EntraGraphError } from './errors';
export type { GraphFailure } from './errors';
export type { RetryPolicy } from './retry';
export { withAbortSignal } from './retry';
export {
  APPLICATION_TAGS,
  deploymentTag,
  MICROSOFT_GRAPH_APP_ID,
  SIGN_IN_SCOPES,
} from './applicationManifest';
export type * from './types';
export {
  applicationDifferences,
  applicationDrift,
  hasUnexpiredSecret,
} from './applicationDrift';
export { registrationSummary } from './registrationSummary';
export type { ApplicationRegistrationSummary } from './registrationSummary';
