import { X509Certificate } from 'node:crypto';
import { GRAPH_ROLES } from '../graph/types';

/**
 * An automation identity the sandbox issues Graph tokens to (client credentials), standing
 * in for the app registration a platform team creates for the portal.
 *
 * @public
 */
export interface EntraSandboxIdentity {
  clientId: string;
  displayName?: string;
  /** Accepted as `client_secret`. */
  clientSecret?: string;
  /** PEM certificate whose key signs `client_assertion`s (certificate credentials). */
  certificatePem?: string;
  /**
   * Subject of federated tokens from `admin.issueFederatedToken` that this identity accepts
   * (workload identity federation).
   */
  federatedSubject?: string;
  /** Microsoft Graph application permissions granted; default: all the product uses. */
  roles?: string[];
  /**
   * Roles on the sandbox's Key Vault (e.g. `Key Vault Secrets Officer`, see
   * `ENTRA_SANDBOX_KEY_VAULT_ROLES`); default none, as for an identity without a role
   * assignment on a vault.
   */
  keyVaultRoles?: string[];
}

/**
 * Every permission the product's registration and monitoring use: the default roles of
 * sandbox identities.
 *
 * @public
 */
export const ENTRA_SANDBOX_DEFAULT_ROLES: readonly string[] = [
  GRAPH_ROLES.applicationReadWriteOwnedBy,
  GRAPH_ROLES.applicationReadAll,
  GRAPH_ROLES.delegatedPermissionGrantReadWriteAll,
];

/**
 * Microsoft Graph application permissions the sandbox enforces, for `identities[].roles`:
 * e.g. `userReadAll` and `groupMemberReadAll` for the catalog's org ingestion.
 *
 * @public
 */
export const ENTRA_SANDBOX_GRAPH_ROLES = GRAPH_ROLES;

/**
 * A web application people sign in to with the authorization code flow, e.g. the portal's
 * OIDC provider. Seeded as an application (web redirect URIs, one client secret) with a
 * service principal.
 *
 * @public
 */
export interface EntraSandboxSignInClient {
  clientId: string;
  /** Accepted as `client_secret` (body or HTTP Basic) at the token endpoint. */
  clientSecret: string;
  /** The application's web redirect URIs; authorize refuses any other. */
  redirectUris: string[];
  displayName?: string;
}

/** An identity with its service principal in the sandbox directory. */
export interface RegisteredIdentity extends EntraSandboxIdentity {
  servicePrincipalId: string;
  roles: string[];
  certificate?: X509Certificate;
}
