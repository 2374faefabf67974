import {
  DeploymentClientKey,
  DeploymentSpec,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EntraDirectory } from '../directory';
import { ClientTokenEndpoint } from './clientTokenEndpoint';

/**
 * Options of {@link verifySignIn}.
 *
 * @public
 */
export interface VerifySignInOptions {
  /** Validated, with the registered client IDs in `clients`. */
  spec: DeploymentSpec;
  /** Reads the applications (getApplicationsByAppId). */
  directory: Pick<EntraDirectory, 'getApplicationsByAppId'>;
  tokens: ClientTokenEndpoint;
  /** The delivered secret text of a confidential client; undefined when none was delivered. */
  secretFor(client: DeploymentClientKey): Promise<string | undefined>;
  now?: () => Date;
}

/**
 * Checks without a browser and without changing anything that the spec's registered
 * applications can sign in as the generated values configure them.
 *
 * @public
 */
export async function verifySignIn(
  _options: VerifySignInOptions,
): Promise<SignInVerification> {
  throw new Error('not implemented');
}
