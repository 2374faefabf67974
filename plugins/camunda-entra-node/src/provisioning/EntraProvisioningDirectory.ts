import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  DeploymentSpec,
  DeploymentTenantInput,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraCloudEndpoints } from '../clouds';
import {
  DefaultEntraDirectory,
  DefaultEntraDirectoryOptions,
  EntraDirectory,
  EntraDirectoryConfig,
  readEntraDirectoryConfig,
} from '../directory';
import {
  IssuedSecret,
  ProvisionedApplication,
  ProvisioningDirectory,
  ProvisioningRegistrationOptions,
} from './ProvisioningDirectory';

/**
 * Provisioning over an {@link EntraDirectory} (Microsoft Graph or the local sandbox), through
 * the same `registerDeployment` as the CLI. Registration never adds secrets here: the
 * provisioner adds them itself so it can deliver and track them.
 *
 * @public
 */
export class EntraProvisioningDirectory implements ProvisioningDirectory {
  /** Reads `camundaEntra.directory`. */
  static fromConfig(
    config: Config,
    options: DefaultEntraDirectoryOptions = {},
  ): EntraProvisioningDirectory {
    const settings = readEntraDirectoryConfig(config);
    return EntraProvisioningDirectory.create({
      directory: DefaultEntraDirectory.create(settings, options),
      tenant: tenantOf(settings),
    });
  }

  static create(options: {
    directory: EntraDirectory;
    tenant: DeploymentTenantInput;
  }): EntraProvisioningDirectory {
    return new EntraProvisioningDirectory(options.directory, options.tenant);
  }

  private constructor(
    private readonly directory: EntraDirectory,
    readonly tenant: DeploymentTenantInput,
  ) {}

  async registerDeployment(
    spec: DeploymentSpec,
    applications: EntraApplicationPlan[],
    options: ProvisioningRegistrationOptions = {},
  ): Promise<ProvisionedApplication[]> {
    const { onProgress = () => {} } = options;
    const registered = await this.directory.registerDeployment(
      applications,
      { deployment: spec.name, source: options.source, secrets: 'never' },
      progress => {
        if (progress.step === 'start') {
          onProgress({ step: 'registering', client: progress.client });
        } else if (progress.step === 'done' && progress.registered) {
          onProgress({ step: 'registered', ...idsOf(progress.registered) });
        }
      },
    );
    return registered.map(idsOf);
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

  async removeApplication(objectId: string) {
    await this.directory.removeApplication(objectId);
  }

  getApplicationsByAppId(appIds: string[]) {
    return this.directory.getApplicationsByAppId(appIds);
  }

  listApplications(options?: { deployment?: string }) {
    return this.directory.listApplications(options);
  }

  findApplicationsByDisplayName(prefix: string, options?: { limit?: number }) {
    return this.directory.findApplicationsByDisplayName(prefix, options);
  }
}

function idsOf(application: ProvisionedApplication): ProvisionedApplication {
  const { client, objectId, appId } = application;
  return { client, objectId, appId };
}

/** The spec tenant of the directory: hosts only where they differ from the cloud's. */
function tenantOf(
  settings: EntraDirectoryConfig,
): DeploymentTenantInput {
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
