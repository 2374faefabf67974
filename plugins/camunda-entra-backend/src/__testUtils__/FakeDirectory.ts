import {
  DeploymentSpec,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraApplicationInfo,
  IssuedSecret,
  ProvisionedApplication,
  ProvisioningDirectory,
  ProvisioningRegistrationOptions,
} from '@camunda-entra/plugin-camunda-entra-node';
import { randomUUID } from 'crypto';

export const TEST_TENANT_ID = '6f1c2f43-0000-4000-8000-000000000001';

interface FakeApplication {
  objectId: string;
  appId: string;
  uniqueName: string;
  displayName: string;
  secrets: Array<{
    keyId: string;
    displayName: string;
    secretText: string;
    endDateTime: string;
  }>;
}

/**
 * An in-memory directory with Entra's upsert and secret semantics, for tests that need to
 * count applications and secrets or fail a step.
 */
export class FakeDirectory implements ProvisioningDirectory {
  readonly tenant = { id: TEST_TENANT_ID };
  readonly applications = new Map<string, FakeApplication>();
  /**
   * Called before each operation (`registerApplication` once per application of a
   * registration); throw from it to inject a failure, or never resolve to stall the operation.
   */
  beforeOperation: (
    operation: string,
    subject: string,
  ) => void | Promise<void> = () => {};

  /** As the Graph directory: side by side, each reported when done, failures thrown after. */
  async registerDeployment(
    _spec: DeploymentSpec,
    applications: EntraApplicationPlan[],
    { onProgress = () => {} }: ProvisioningRegistrationOptions = {},
  ): Promise<ProvisionedApplication[]> {
    const settled = await Promise.allSettled(
      applications.map(async application => {
        onProgress({ step: 'registering', client: application.client });
        await this.beforeOperation('registerApplication', application.client);
        const registered = this.upsert(application);
        onProgress({ step: 'registered', ...registered });
        return registered;
      }),
    );
    const failure = settled.find(
      (result): result is PromiseRejectedResult => result.status === 'rejected',
    );
    if (failure) {
      throw failure.reason;
    }
    return settled.map(
      result =>
        (result as PromiseFulfilledResult<ProvisionedApplication>).value,
    );
  }

  async listSecrets(objectId: string) {
    return this.byObjectId(objectId).secrets.map(({ keyId, displayName }) => ({
      keyId,
      displayName,
    }));
  }

  async addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays: number },
  ): Promise<IssuedSecret> {
    await this.beforeOperation('addSecret', objectId);
    const secret = {
      keyId: randomUUID(),
      displayName: options.displayName,
      secretText: `secret-${randomUUID()}`,
      endDateTime: new Date(
        Date.now() + options.lifetimeDays * 86_400_000,
      ).toISOString(),
    };
    this.byObjectId(objectId).secrets.push(secret);
    return {
      keyId: secret.keyId,
      secretText: secret.secretText,
      endDateTime: secret.endDateTime,
    };
  }

  async removeSecret(objectId: string, keyId: string) {
    const app = this.byObjectId(objectId);
    app.secrets = app.secrets.filter(secret => secret.keyId !== keyId);
  }

  async removeApplication(objectId: string) {
    for (const [uniqueName, app] of this.applications) {
      if (app.objectId === objectId) {
        this.applications.delete(uniqueName);
      }
    }
  }

  /** Registration creates a service principal for every application. */
  async getApplicationsByAppId(appIds: string[]) {
    const applications = (await this.listApplications()).filter(app =>
      appIds.includes(app.appId),
    );
    return {
      applications,
      servicePrincipalAppIds: applications.map(app => app.appId),
    };
  }

  /** Without redirect URIs or token settings: the fake only tracks secrets. */
  async listApplications(): Promise<EntraApplicationInfo[]> {
    return [...this.applications.values()].map(app => ({
      objectId: app.objectId,
      appId: app.appId,
      displayName: app.displayName,
      uniqueName: app.uniqueName,
      tags: [],
      webRedirectUris: [],
      spaRedirectUris: [],
      requestedAccessTokenVersion: 2,
      optionalClaims: { idToken: [], accessToken: [] },
      passwordCredentials: app.secrets.map(
        ({ keyId, displayName, endDateTime }) => ({
          keyId,
          displayName,
          endDateTime,
        }),
      ),
      keyCredentials: [],
    }));
  }

  async findApplicationsByDisplayName(prefix: string) {
    return (await this.listApplications()).filter(app =>
      app.displayName.toLowerCase().startsWith(prefix.toLowerCase()),
    );
  }

  /** Every secret text the directory ever issued and still holds. */
  secretTexts(): string[] {
    return [...this.applications.values()].flatMap(app =>
      app.secrets.map(secret => secret.secretText),
    );
  }

  private upsert(application: EntraApplicationPlan): ProvisionedApplication {
    let app = this.applications.get(application.uniqueName);
    if (!app) {
      app = {
        objectId: randomUUID(),
        appId: randomUUID(),
        uniqueName: application.uniqueName,
        displayName: application.displayName,
        secrets: [],
      };
      this.applications.set(application.uniqueName, app);
    }
    return {
      client: application.client,
      objectId: app.objectId,
      appId: app.appId,
    };
  }

  private byObjectId(objectId: string): FakeApplication {
    const app = [...this.applications.values()].find(
      candidate => candidate.objectId === objectId,
    );
    if (!app) {
      throw new Error(`No application ${objectId}`);
    }
    return app;
  }
}

/** A spec enabling every component, as the guide's full example. */
export const FULL_SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.9',
  components: {
    orchestration: {},
    connectors: {},
    identity: {},
    optimize: {},
    webModeler: {},
    console: {},
  },
  admins: ['alice@example.com'],
  webModeler: { fromAddress: 'noreply@example.com' },
};
