import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraApplicationPlan,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import { removePassword } from './addPasswordOnce';
import { hasUnexpiredSecret } from './applicationDrift';
import { applicationManifest } from './applicationManifest';
import { addClientSecret } from './clientSecrets';
import { EntraDirectoryConfig } from './config';
import { EntraGraphError } from './errors';
import {
  ExistingRegistration,
  readExistingRegistrations,
} from './existingRegistrations';
import { objectNotReplicated } from './graphAnswers';
import { GraphApi } from './graphApi';
import { alternateKey } from './graphQueries';
import { manifestChanges } from './manifestChanges';
import { EntraRegistrationError } from './registrationError';
import { ReplicationWaiter } from './replicationWaiter';
import { CONSENT_SCOPES, ServicePrincipals } from './servicePrincipals';
import {
  CreatedSecret,
  RegisterApplicationOptions,
  RegisterDeploymentOptions,
  RegisteredApplication,
  RegistrationProgress,
} from './types';

/** What one registration works on after the upsert. */
interface UpsertedApplication {
  objectId: string;
  appId: string;
  created: boolean;
  /** When the create answered, from which replication is awaited. */
  createdAt: number;
  passwordCredentials: Array<{ endDateTime?: string }>;
  /** What registration read before writing, when it saw the application. */
  existing?: ExistingRegistration;
}

type Report = (
  step: RegistrationProgress['step'],
  message: string,
  registered?: RegisteredApplication,
) => void;

/**
 * Registers a deployment's applications: reads what exists in a few batched requests, then
 * per application writes only what differs, side by side, waiting for what it creates to
 * replicate before using it.
 */
export class ApplicationRegistration {
  constructor(
    private readonly config: EntraDirectoryConfig,
    private readonly graph: () => Promise<GraphApi>,
    private readonly replication: ReplicationWaiter,
    private readonly principals: ServicePrincipals,
    private readonly logger?: LoggerService,
  ) {}

  async registerDeployment(
    target: DeploymentSpec | EntraApplicationPlan[],
    options: RegisterDeploymentOptions = {},
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication[]> {
    const spec = Array.isArray(target) ? undefined : target;
    const { tenantId } = this.config;
    if (spec && spec.tenant.id.toLowerCase() !== tenantId.toLowerCase()) {
      throw new InputError(
        `The spec's tenant ${spec.tenant.id} is not the directory's tenant ${tenantId}`,
      );
    }
    const deployment = options.deployment ?? spec?.name;
    if (!deployment) {
      throw new InputError(
        'registerDeployment needs a deployment name with plans',
      );
    }
    const plans = spec
      ? planEntraApplications(spec)
      : (target as EntraApplicationPlan[]);
    const applicationOptions: RegisterApplicationOptions = {
      ...options,
      deployment,
      secretLifetimeDays:
        options.secretLifetimeDays ?? spec?.secretLifetimeDays,
    };
    if (this.wantsConsent(applicationOptions)) {
      // Looked up alongside the first reads rather than at the end of each chain.
      this.principals.microsoftGraphServicePrincipalId().catch(() => undefined);
    }
    let read: Awaited<ReturnType<ApplicationRegistration['readExisting']>>;
    try {
      read = await this.readExisting(plans, applicationOptions);
    } catch (error) {
      throw new EntraRegistrationError(
        [],
        plans.map(plan => ({ client: plan.client, error: error as Error })),
      );
    }
    const settled = await Promise.allSettled(
      plans.map(plan =>
        this.register(
          read.api,
          plan,
          read.existing.get(plan.uniqueName),
          applicationOptions,
          onProgress,
        ),
      ),
    );
    const registered = settled.flatMap(r =>
      r.status === 'fulfilled' ? [r.value] : [],
    );
    const failures = settled.flatMap((r, i) =>
      r.status === 'rejected'
        ? [{ client: plans[i].client, error: r.reason as Error }]
        : [],
    );
    if (failures.length > 0) {
      throw new EntraRegistrationError(registered, failures);
    }
    return registered;
  }

  async registerApplication(
    plan: EntraApplicationPlan,
    options: RegisterApplicationOptions,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication> {
    let read: Awaited<ReturnType<ApplicationRegistration['readExisting']>>;
    try {
      read = await this.readExisting([plan], options);
    } catch (error) {
      throw error instanceof EntraGraphError
        ? error.forClient(plan.client)
        : error;
    }
    return this.register(
      read.api,
      plan,
      read.existing.get(plan.uniqueName),
      options,
      onProgress,
    );
  }

  private wantsConsent(options: RegisterApplicationOptions): boolean {
    return options.grantAdminConsent ?? this.config.grantAdminConsent;
  }

  /** What exists of the plans' applications, read in a few batched requests. */
  private async readExisting(
    plans: EntraApplicationPlan[],
    options: RegisterApplicationOptions,
  ) {
    const api = await this.graph();
    const existing = await readExistingRegistrations(
      api,
      plans.map(plan => plan.uniqueName),
      {
        consentResourceId: this.wantsConsent(options)
          ? this.principals.microsoftGraphServicePrincipalId()
          : undefined,
        withOwners: (options.owners ?? this.config.owners).length > 0,
      },
    );
    return { api, existing };
  }

  /** Registers one application given what exists of it. */
  private async register(
    api: GraphApi,
    plan: EntraApplicationPlan,
    existing: ExistingRegistration | undefined,
    options: RegisterApplicationOptions,
    onProgress: (progress: RegistrationProgress) => void = () => {},
  ): Promise<RegisteredApplication> {
    const report: Report = (step, message, registered) => {
      this.logger?.info(`${plan.client}: ${message}`);
      onProgress({
        client: plan.client,
        step,
        message,
        ...(registered && { registered }),
      });
    };
    try {
      report('start', `registering ${plan.uniqueName}`);
      const { app, changed } = await this.upsertApplication(
        api,
        plan,
        options,
        existing,
      );
      const outcome = changed ? 'updated' : 'unchanged';
      report(
        'application',
        `${app.created ? 'created' : outcome} application ${
          plan.uniqueName
        } (appId ${app.appId})`,
      );
      if (app.created) {
        // Secret, service principal and owners all need the application replicated.
        await this.replication.visible(
          'applications',
          app.objectId,
          app.createdAt,
        );
      }
      options.onApplicationReady?.({
        client: plan.client,
        objectId: app.objectId,
        appId: app.appId,
        created: app.created,
      });
      const { secret, principal, ownersAdded } = await this.afterUpsert(
        api,
        plan,
        app,
        options,
        report,
      );
      const registered: RegisteredApplication = {
        client: plan.client,
        uniqueName: plan.uniqueName,
        displayName: plan.displayName,
        appId: app.appId,
        objectId: app.objectId,
        servicePrincipalId: principal.id,
        created: app.created,
        servicePrincipalCreated: principal.created,
        consent: principal.consent,
        ownersAdded,
        ...(secret && { secret }),
      };
      report('done', `registered ${plan.uniqueName}`, registered);
      return registered;
    } catch (error) {
      throw error instanceof EntraGraphError
        ? error.forClient(plan.client)
        : error;
    }
  }

  /**
   * Secret, service principal (+ consent) and owners depend only on the application, so
   * they run side by side. If any fails, a secret created meanwhile is removed again: its
   * text would otherwise be lost with the error.
   */
  private async afterUpsert(
    api: GraphApi,
    plan: EntraApplicationPlan,
    app: UpsertedApplication,
    options: RegisterApplicationOptions,
    report: Report,
  ) {
    const secretTask = this.secretIfWanted(api, plan, app, options).then(
      secret => {
        if (secret) {
          report(
            'secret',
            `added secret ${secret.keyId} (expires ${secret.endDateTime})`,
          );
        }
        return secret;
      },
    );
    const [secret, principal, owners] = await Promise.allSettled([
      secretTask,
      this.servicePrincipalAndConsent(api, app, options, report),
      this.addOwners(api, app, options.owners ?? this.config.owners).then(
        added => {
          if (added.length > 0) {
            report('owners', `added owners ${added.join(', ')}`);
          }
          return added;
        },
      ),
    ]);
    if (principal.status === 'rejected' || owners.status === 'rejected') {
      if (secret.status === 'fulfilled' && secret.value) {
        const { keyId } = secret.value;
        await removePassword(api, app.objectId, keyId).catch(error =>
          this.logger?.warn(
            `${plan.client}: could not remove secret ${keyId} after a failure: ${error}`,
          ),
        );
      }
      throw principal.status === 'rejected'
        ? principal.reason
        : (owners as PromiseRejectedResult).reason;
    }
    if (secret.status === 'rejected') {
      throw secret.reason;
    }
    return {
      secret: secret.value,
      principal: principal.value,
      ownersAdded: owners.value,
    };
  }

  /**
   * An application registration saw is updated by ID with only the properties that differ
   * (nothing when none does); otherwise `PATCH /applications(uniqueName=…)` with
   * `Prefer: create-if-missing`: 201 created, 204 updated.
   */
  private async upsertApplication(
    api: GraphApi,
    plan: EntraApplicationPlan,
    options: RegisterApplicationOptions,
    existing: ExistingRegistration | undefined,
  ): Promise<{ app: UpsertedApplication; changed: boolean }> {
    const manifest = applicationManifest(plan, options);
    if (existing) {
      const { application } = existing;
      const changes = manifestChanges(manifest, application);
      const changed = Object.keys(changes).length > 0;
      if (changed) {
        await api.call(
          'PATCH',
          `/applications/${encodeURIComponent(application.id)}`,
          { body: changes },
        );
      }
      return {
        changed,
        app: {
          objectId: application.id,
          appId: application.appId,
          created: false,
          createdAt: 0,
          passwordCredentials: application.passwordCredentials ?? [],
          existing,
        },
      };
    }
    const path = `/applications${alternateKey('uniqueName', plan.uniqueName)}`;
    const upsert = await api.call<{ id: string; appId: string }>(
      'PATCH',
      path,
      { body: manifest, headers: { Prefer: 'create-if-missing' } },
    );
    if (upsert.status === 201) {
      return {
        changed: true,
        app: {
          objectId: upsert.body.id,
          appId: upsert.body.appId,
          created: true,
          createdAt: Date.now(),
          passwordCredentials: [],
        },
      };
    }
    const { body } = await api.call<{
      id: string;
      appId: string;
      passwordCredentials: Array<{ endDateTime?: string }>;
    }>('GET', `${path}?$select=id,appId,passwordCredentials`, {
      // It exists (204) but registration did not see it: created a moment ago.
      notYetReplicated: objectNotReplicated,
    });
    return {
      changed: true,
      app: {
        objectId: body.id,
        appId: body.appId,
        created: false,
        createdAt: 0,
        passwordCredentials: body.passwordCredentials ?? [],
      },
    };
  }

  private async secretIfWanted(
    api: GraphApi,
    plan: EntraApplicationPlan,
    app: UpsertedApplication,
    options: RegisterApplicationOptions,
  ): Promise<CreatedSecret | undefined> {
    const policy = options.secrets ?? 'never';
    const hasValidSecret = hasUnexpiredSecret(app.passwordCredentials);
    if (
      !plan.needsSecret ||
      policy === 'never' ||
      (policy === 'missing' && hasValidSecret)
    ) {
      return undefined;
    }
    return addClientSecret(
      api,
      app.objectId,
      {
        displayName:
          options.secretDisplayName ??
          `camunda-entra ${new Date().toISOString().slice(0, 10)}`,
        lifetimeDays: options.secretLifetimeDays,
      },
      { config: this.config, justCreated: app.created, logger: this.logger },
    );
  }

  private async servicePrincipalAndConsent(
    api: GraphApi,
    app: UpsertedApplication,
    options: RegisterApplicationOptions,
    report: Report,
  ): Promise<{
    id: string;
    created: boolean;
    consent: RegisteredApplication['consent'];
  }> {
    const principal = await this.principals.ensure(api, app);
    report(
      'servicePrincipal',
      `${principal.created ? 'created' : 'found'} service principal ${
        principal.id
      }`,
    );
    if (!this.wantsConsent(options)) {
      return { ...principal, consent: 'skipped' };
    }
    if (principal.created) {
      await this.replication.visible(
        'servicePrincipals',
        principal.id,
        principal.createdAt,
      );
    }
    const consent = await this.principals.grantConsent(
      api,
      principal,
      app.existing,
    );
    report(
      'consent',
      `admin consent for ${CONSENT_SCOPES.join(' ')}: ${consent}`,
    );
    return { ...principal, consent };
  }

  /** Adds owners; one that already owns the application answers 400, which is success. */
  private async addOwners(
    api: GraphApi,
    app: UpsertedApplication,
    owners: string[],
  ): Promise<string[]> {
    const current = app.existing?.owners ?? [];
    const added = await Promise.all(
      owners
        .filter(owner => !current.includes(owner))
        .map(async owner => {
          try {
            await api.call(
              'POST',
              `/applications/${app.objectId}/owners/$ref`,
              {
                body: {
                  '@odata.id': `${this.config.graphUrl}/v1.0/directoryObjects/${owner}`,
                },
                notYetReplicated: app.created ? objectNotReplicated : undefined,
              },
            );
            return owner;
          } catch (error) {
            if (
              error instanceof EntraGraphError &&
              error.statusCode === 400 &&
              /already exist/i.test(error.failure.message)
            ) {
              return undefined;
            }
            throw error;
          }
        }),
    );
    return added.filter((owner): owner is string => owner !== undefined);
  }
}
