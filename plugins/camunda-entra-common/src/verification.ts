import type { DeploymentClientKey } from './spec/deploymentClients';

/**
 * What `verify` checks of one client: the application exists, its platform and redirect
 * URIs, the access token version it accepts, its delivered secret, its token's audience.
 *
 * @public
 */
export type SignInCheck =
  | 'application'
  | 'platform'
  | 'redirectUris'
  | 'tokenVersion'
  | 'secret'
  | 'audience';

/**
 * One reason a deployment's clients cannot sign in as configured.
 *
 * @public
 */
export interface SignInProblem {
  /** e.g. `orchestration`, `webModelerUi`, `machine.ci`. */
  client: DeploymentClientKey;
  /** What failed. */
  check: SignInCheck;
  /** One line; never carries a secret. */
  message: string;
  /** Entra's error code when Entra refused, e.g. `AADSTS7000215`. */
  entraError?: string;
}

/**
 * The outcome of checking a registered deployment against the tenant without a browser and
 * without changing anything.
 *
 * @public
 */
export interface SignInVerification {
  /** ISO 8601. */
  verifiedAt: string;
  /** True when no check found a problem. */
  passed: boolean;
  /** How many checks ran. */
  checks: number;
  /** Every problem found; empty when passed. */
  problems: SignInProblem[];
}
