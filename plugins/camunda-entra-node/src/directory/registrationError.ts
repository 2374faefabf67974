import { CustomErrorBase } from '@backstage/errors';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { RegisteredApplication } from './types';

/**
 * Some applications of a deployment could not be registered; `registered` holds the others
 * (with any secrets created for them, which the caller must still deliver).
 *
 * @public
 */
export class EntraRegistrationError extends CustomErrorBase {
  name = 'EntraRegistrationError' as const;

  constructor(
    readonly registered: RegisteredApplication[],
    readonly failures: Array<{ client: DeploymentClientKey; error: Error }>,
  ) {
    super(
      `Registration failed for ${failures.length} of ${
        failures.length + registered.length
      } applications: ${failures.map(f => f.error.message).join('; ')}`,
    );
  }
}
