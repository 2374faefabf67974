import { ProvisioningDirectory } from './ProvisioningDirectory';

const NOT_CONFIGURED =
  'No Entra directory is configured: set camundaEntra.directory (or enable the local sandbox), then retry the request';

/**
 * The directory of a portal without `camundaEntra.directory`: requests can still be made and
 * decided, and provisioning and monitoring fail with a reason that says what to configure.
 *
 * @public
 */
export class UnconfiguredDirectory implements ProvisioningDirectory {
  readonly tenant = undefined;

  async registerDeployment(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async listSecrets(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async addSecret(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async removeSecret(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async removeApplication(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async getApplicationsByAppId(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async listApplications(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }

  async findApplicationsByDisplayName(): Promise<never> {
    throw new Error(NOT_CONFIGURED);
  }
}
