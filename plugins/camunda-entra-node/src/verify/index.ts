export { createClientTokenEndpoint } from './clientTokenEndpoint';
export type {
  ClientCredentialsResult,
  ClientTokenEndpoint,
  ClientTokenEndpointOptions,
  TenantSigningKey,
} from './clientTokenEndpoint';
export { verifySignIn } from './verifySignIn';
export type { VerifySignInOptions } from './verifySignIn';
