import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  DeploymentSpec,
  DeploymentSpecInput,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  DefaultEntraDirectory,
  entraCloudEndpoints,
  EntraDirectory,
  EntraDirectoryConfig,
  readEntraDirectoryConfig,
} from '@camunda-entra/plugin-camunda-entra-node';
import { IssuedSecret, ProvisioningDirectory } from './ProvisioningDirectory';

/**
 * Provisioning over the directory client of `camunda-entra-node` (Microsoft Graph or the
 * local sandbox). Registration never adds secrets here: the provisioner adds them itself so
 * it can deliver and track them.
 *
 * @public
 */
export class EntraProvisioningDirectory implements ProvisioningDirectory {
  /** Reads `camundaEntra.directory`. */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): EntraProvisioningDirectory {
    const settings = readEntraDirectoryConfig(config);
    return EntraProvisioningDirectory.create({
      directory: DefaultEntraDirectory.create(settings, options),
      tenant: tenantOf(settings),
    });
  }

  static create(options: {
    directory: EntraDirectory;
    tenant: NonNullable<DeploymentSpecInput['tenant']>;
  }): EntraProvisioningDirectory {
    return new EntraProvisioningDirectory(options.directory, options.tenant);
  }

  private constructor(
    private readonly directory: EntraDirectory,
    readonly tenant: NonNullable<DeploymentSpecInput['tenant']>,
  ) {}

  async registerApplication(
    spec: DeploymentSpec,
    application: EntraApplicationPlan,
    options: { source?: string } = {},
  ) {
    const registered = await this.directory.registerApplication(application, {
      deployment: spec.name,
      source: options.source,
      secrets: 'never',
    });
    return { objectId: registered.objectId, appId: registered.appId };
  }

  async listSecrets(objectId: string) {
    const application = await this.directory.getApplication({ objectId });
    if (!application) {
      throw new NotFoundError(`No application ${objectId} in the directory`);
    }
    return application.passwordCredentials;
  }

  async addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays: number },
  ): Promise<IssuedSecret> {
    const secret = await this.directory.addSecret(objectId, options);
    return {
      keyId: secret.keyId,
      secretText: secret.secretText,
      endDateTime: secret.endDateTime,
    };
  }

  async removeSecret(objectId: string, keyId: string) {
    await this.directory.removeSecret(objectId, keyId);
  }

  getApplicationsByAppId(appIds: string[]) {
    return this.directory.getApplicationsByAppId(appIds);
  }

  listApplications(options?: { deployment?: string }) {
    return this.directory.listApplications(options);
  }
}

/** The spec tenant of the directory: hosts only where they differ from the cloud's. */
function tenantOf(
  settings: EntraDirectoryConfig,
): NonNullable<DeploymentSpecInput['tenant']> {
  const cloud = entraCloudEndpoints(settings.cloud);
  return {
    id: settings.tenantId,
    cloud: settings.cloud,
    ...(settings.authorityHost !== cloud.authorityHost && {
      authorityHost: settings.authorityHost,
    }),
    ...(settings.graphUrl !== cloud.graphUrl && {
      graphUrl: settings.graphUrl,
    }),
  };
}
