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
}

/** Every permission the product can use, the default for sandbox identities. */
export const DEFAULT_IDENTITY_ROLES = [
  GRAPH_ROLES.applicationReadWriteOwnedBy,
  GRAPH_ROLES.applicationReadAll,
  GRAPH_ROLES.delegatedPermissionGrantReadWriteAll,
];

/** An identity with its service principal in the sandbox directory. */
export interface RegisteredIdentity extends EntraSandboxIdentity {
  servicePrincipalId: string;
  roles: string[];
  certificate?: X509Certificate;
}
