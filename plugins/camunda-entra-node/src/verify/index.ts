export { createClientTokenEndpoint } from './clientTokenEndpoint';
export type {
  ClientCredentialsResult,
  ClientTokenEndpoint,
} from './clientTokenEndpoint';
export { verifySignIn } from './verifySignIn';
export type { VerifySignInOptions } from './verifySignIn';
