import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraApplicationPlan,
  DeploymentClientKey,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import type { Application } from 'microsoft-graph';
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { addPasswordOnce, removePassword } from './addPasswordOnce';
import { hasUnexpiredSecret } from './applicationDrift';
import {
  APPLICATION_SELECT,
  SECRETS_SELECT,
  toApplicationInfo,
} from './applicationInfo';
import {
  APPLICATION_TAGS,
  applicationManifest,
  deploymentTag,
  MICROSOFT_GRAPH_APP_ID,
  SIGN_IN_SCOPES,
} from './applicationManifest';
import { EntraDirectoryConfig, readEntraDirectoryConfig } from './config';
import { createEntraCredential } from './credentials';
import { EntraGraphError, GraphFailure } from './errors';
import {
  ExistingRegistration,
  grantFilterUrl,
  readExistingRegistrations,
} from './existingRegistrations';
import { GraphApi } from './graphApi';
import { createGraphClient, SharedTokenProvider } from './graphClient';
import {
  allPages,
  filterQuery,
  listAll,
  listWhereIn,
  Page,
  whereInUrls,
} from './graphQueries';
import { manifestChanges } from './manifestChanges';
import { ReplicatingCollection, ReplicationWaiter } from './replicationWaiter';
import { DEFAULT_REPLICATION_POLICY } from './retry';
import {
  ApplicationReference,
  ApplicationsByAppId,
  CreatedSecret,
  EntraApplicationInfo,
  EntraDirectory,
  RegisterApplicationOptions,
  RegisterDeploymentOptions,
  RegisteredApplication,
  RegistrationProgress,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const CONSENT_SCOPES = Object.keys(SIGN_IN_SCOPES);

/** Entra's answers while a new object replicates (FACTS.md §2). */
const objectNotReplicated = (failure: GraphFailure) =>
  failure.statusCode === 404 && failure.code === 'Request_ResourceNotFound';
const applicationNotYetValid = (failure: GraphFailure) =>
  failure.statusCode === 400 &&
  /does not reference a valid application object/i.test(failure.message);
const alreadyExists = (error: unknown) =>
  error instanceof EntraGraphError &&
  (error.statusCode === 409 ||
    error.code === 'Request_MultipleObjectsWithSameKeyValue');

function quoteKey(value: string): string {
  return `'${encodeURIComponent(value.replace(/'/g, "''"))}'`;
}

/** The path segment after `/applications` that addresses one application. */
function applicationKey(reference: ApplicationReference): string {
  if ('objectId' in reference) {
    return `/${encodeURIComponent(reference.objectId)}`;
  }
  if ('appId' in reference) {
    return `(appId=${quoteKey(reference.appId)})`;
  }
  return `(uniqueName=${quoteKey(reference.uniqueName)})`;
}

/** Keeps the secret text out of logs and JSON: readable, but not enumerable. */
function createdSecret(
  credential: Omit<CreatedSecret, 'secretText'> & { secretText: string },
): CreatedSecret {
  const { secretText, keyId, displayName, hint, startDateTime, endDateTime } =
    credential;
  const secret = {
    keyId,
    displayName,
    hint,
    startDateTime,
    endDateTime,
  } as CreatedSecret;
  Object.defineProperty(secret, 'secretText', {
    value: secretText,
    enumerable: false,
  });
  return secret;
}

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

/**
 * {@link EntraDirectory} over Microsoft Graph with `@azure/identity` credentials.
 *
 * @public
 */
export class DefaultEntraDirectory implements EntraDirectory {
  private api?: Promise<GraphApi>;
  private graphServicePrincipal?: Promise<string>;
  private readonly replication: ReplicationWaiter;

  /** Reads `camundaEntra.directory`. */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): DefaultEntraDirectory {
    return DefaultEntraDirectory.create(
      readEntraDirectoryConfig(config),
      options,
    );
  }

  static create(
    config: EntraDirectoryConfig,
    options: { logger?: LoggerService } = {},
  ): DefaultEntraDirectory {
    return new DefaultEntraDirectory(config, options.logger);
  }

  private constructor(
    private readonly config: EntraDirectoryConfig,
    private readonly logger?: LoggerService,
  ) {
    this.replication = new ReplicationWaiter(
      (collection, ids) => this.visibleIds(collection, ids),
      DEFAULT_REPLICATION_POLICY,
      { logger },
    );
  }

  get tenantId(): string {
    return this.config.tenantId;
  }

  /**
   * Built on first use: the CA file may appear only once the sandbox has started (the dev
   * backend starts both at once). A failed build is not kept, so the next call tries again.
   */
  private graph(): Promise<GraphApi> {
    this.api ??= this.createApi().catch(error => {
      this.api = undefined;
      throw error;
    });
    return this.api;
  }

  private async createApi(): Promise<GraphApi> {
    let extraCaPem: string | undefined;
    if (this.config.caFile) {
      try {
        extraCaPem = await readFile(this.config.caFile, 'utf8');
      } catch (error) {
        throw new InputError(
          `camundaEntra.directory.caFile ${this.config.caFile} cannot be read`,
          error,
        );
      }
    }
    const credential = createEntraCredential(
      this.config,
      extraCaPem ? [...rootCertificates, extraCaPem] : undefined,
    );
    const tokens = new SharedTokenProvider(credential, this.config.graphUrl);
    const client = createGraphClient({
      tokens,
      graphUrl: this.config.graphUrl,
      extraCaPem,
    });
    return new GraphApi(client, tokens, {
      retry: this.config.retry,
      replication: DEFAULT_REPLICATION_POLICY,
      logger: this.logger,
    });
  }

  /** Which of `ids` a list read sees: replicated objects only. */
  private async visibleIds(
    collection: ReplicatingCollection,
    ids: string[],
  ): Promise<Set<string>> {
    const found = await listWhereIn<{ id: string }>(
      await this.graph(),
      collection,
      'id',
      ids,
      'id',
    );
    return new Set(found.map(object => object.id));
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
          ? this.microsoftGraphServicePrincipalId()
          : undefined,
        withOwners: (options.owners ?? this.config.owners).length > 0,
      },
    );
    return { api, existing };
  }

  private wantsConsent(options: RegisterApplicationOptions): boolean {
    return options.grantAdminConsent ?? this.config.grantAdminConsent;
  }

  async registerDeployment(
    target: DeploymentSpec | EntraApplicationPlan[],
    options: RegisterDeploymentOptions = {},
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication[]> {
    const spec = Array.isArray(target) ? undefined : target;
    if (spec && spec.tenant.id.toLowerCase() !== this.tenantId.toLowerCase()) {
      throw new InputError(
        `The spec's tenant ${spec.tenant.id} is not the directory's tenant ${this.tenantId}`,
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
      this.microsoftGraphServicePrincipalId().catch(() => undefined);
    }
    let read: Awaited<ReturnType<DefaultEntraDirectory['readExisting']>>;
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
    let read: Awaited<ReturnType<DefaultEntraDirectory['readExisting']>>;
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

  /**
   * Registers one application given what exists of it: writes only what differs, and
   * waits for what it creates to replicate before using it.
   */
  private async register(
    api: GraphApi,
    plan: EntraApplicationPlan,
    existing: ExistingRegistration | undefined,
    options: RegisterApplicationOptions,
    onProgress: (progress: RegistrationProgress) => void = () => {},
  ): Promise<RegisteredApplication> {
    const report = (step: RegistrationProgress['step'], message: string) => {
      this.logger?.info(`${plan.client}: ${message}`);
      onProgress({ client: plan.client, step, message });
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
      const { secret, principal, ownersAdded } = await this.afterUpsert(
        api,
        plan,
        app,
        options,
        report,
      );
      report('done', `registered ${plan.uniqueName}`);
      return {
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
    report: (step: RegistrationProgress['step'], message: string) => void,
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
        await this.removeSecret(app.objectId, keyId).catch(error =>
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
    const path = `/applications(uniqueName=${quoteKey(plan.uniqueName)})`;
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
    return this.addPassword(
      api,
      app.objectId,
      {
        displayName:
          options.secretDisplayName ??
          `camunda-entra ${new Date().toISOString().slice(0, 10)}`,
        lifetimeDays: options.secretLifetimeDays,
      },
      app.created,
    );
  }

  private async servicePrincipalAndConsent(
    api: GraphApi,
    app: UpsertedApplication,
    options: RegisterApplicationOptions,
    report: (step: RegistrationProgress['step'], message: string) => void,
  ): Promise<{
    id: string;
    created: boolean;
    consent: RegisteredApplication['consent'];
  }> {
    const principal = await this.ensureServicePrincipal(api, app);
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
    const consent = await this.grantConsent(api, principal, app.existing);
    report(
      'consent',
      `admin consent for ${CONSENT_SCOPES.join(' ')}: ${consent}`,
    );
    return { ...principal, consent };
  }

  private async findServicePrincipal(
    api: GraphApi,
    appId: string,
    justCreated = false,
  ) {
    try {
      const { body } = await api.call<{ id: string }>(
        'GET',
        `/servicePrincipals(appId=${quoteKey(appId)})?$select=id`,
        { notYetReplicated: justCreated ? objectNotReplicated : undefined },
      );
      return body.id;
    } catch (error) {
      if (
        error instanceof EntraGraphError &&
        objectNotReplicated(error.failure) &&
        !justCreated
      ) {
        return undefined;
      }
      throw error;
    }
  }

  private async ensureServicePrincipal(
    api: GraphApi,
    app: UpsertedApplication,
  ): Promise<{ id: string; created: boolean; createdAt: number }> {
    // A new application cannot have a service principal yet, and one registration read
    // was looked up already: a lookup only for applications it did not see.
    const existing =
      app.created || app.existing
        ? app.existing?.servicePrincipalId
        : await this.findServicePrincipal(api, app.appId);
    if (existing) {
      return { id: existing, created: false, createdAt: 0 };
    }
    try {
      const { body } = await api.call<{ id: string }>(
        'POST',
        '/servicePrincipals',
        {
          body: { appId: app.appId },
          notYetReplicated: applicationNotYetValid,
        },
      );
      return { id: body.id, created: true, createdAt: Date.now() };
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      // Created concurrently (another run): use that one.
      return {
        id: (await this.findServicePrincipal(api, app.appId, true))!,
        created: false,
        createdAt: 0,
      };
    }
  }

  private microsoftGraphServicePrincipalId(): Promise<string> {
    this.graphServicePrincipal ??= this.graph()
      .then(api => this.findServicePrincipal(api, MICROSOFT_GRAPH_APP_ID))
      .then(id => {
        if (!id) {
          throw new InputError(
            `Microsoft Graph has no service principal in tenant ${this.tenantId}`,
          );
        }
        return id;
      })
      .catch(error => {
        this.graphServicePrincipal = undefined;
        throw error;
      });
    return this.graphServicePrincipal;
  }

  /** Tenant-wide consent for the sign-in scopes: create the grant, or widen its scope. */
  private async grantConsent(
    api: GraphApi,
    principal: { id: string; created: boolean },
    existing: ExistingRegistration | undefined,
  ): Promise<RegisteredApplication['consent']> {
    const resourceId = await this.microsoftGraphServicePrincipalId();
    if (!principal.created) {
      // Registration's read has the grant (or its absence) unless it did not see the app.
      const grant =
        existing?.grant !== undefined
          ? existing.grant
          : await this.findGrant(api, principal.id, resourceId);
      if (grant) {
        return this.widenGrant(api, grant);
      }
    }
    try {
      await api.call('POST', '/oauth2PermissionGrants', {
        body: {
          clientId: principal.id,
          consentType: 'AllPrincipals',
          resourceId,
          scope: CONSENT_SCOPES.join(' '),
        },
        notYetReplicated: principal.created ? objectNotReplicated : undefined,
      });
      return 'created';
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      const grant = await this.findGrant(api, principal.id, resourceId);
      return grant ? this.widenGrant(api, grant) : 'unchanged';
    }
  }

  private async findGrant(
    api: GraphApi,
    clientId: string,
    resourceId: string,
  ): Promise<{ id: string; scope?: string } | undefined> {
    const { body } = await api.call<{
      value: Array<{ id: string; scope?: string }>;
    }>('GET', grantFilterUrl(clientId, resourceId));
    return body.value[0];
  }

  private async widenGrant(
    api: GraphApi,
    grant: { id: string; scope?: string },
  ): Promise<'updated' | 'unchanged'> {
    const granted = (grant.scope ?? '').split(' ').filter(Boolean);
    const missing = CONSENT_SCOPES.filter(scope => !granted.includes(scope));
    if (missing.length === 0) {
      return 'unchanged';
    }
    await api.call(
      'PATCH',
      `/oauth2PermissionGrants/${encodeURIComponent(grant.id)}`,
      {
        body: { scope: [...granted, ...missing].join(' ') },
      },
    );
    return 'updated';
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

  async addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays?: number },
  ): Promise<CreatedSecret> {
    return this.addPassword(await this.graph(), objectId, options, false);
  }

  /** addPassword with an explicit end date: tenant policies may reject Entra's 2-year default. */
  private async addPassword(
    api: GraphApi,
    objectId: string,
    options: { displayName: string; lifetimeDays?: number },
    justCreated: boolean,
  ): Promise<CreatedSecret> {
    const requested = options.lifetimeDays ?? this.config.secretLifetimeDays;
    if (!Number.isInteger(requested) || requested < 1) {
      throw new InputError(
        `Secret lifetime must be a whole number of days >= 1, got ${requested}`,
      );
    }
    const days = Math.min(requested, this.config.maxSecretLifetimeDays);
    const added = await addPasswordOnce(
      api,
      objectId,
      {
        displayName: options.displayName,
        endDateTime: new Date(Date.now() + days * DAY_MS).toISOString(),
      },
      {
        retry: this.config.retry,
        notYetReplicated: justCreated ? objectNotReplicated : undefined,
        logger: this.logger,
      },
    );
    return createdSecret(added);
  }

  async removeSecret(objectId: string, keyId: string): Promise<void> {
    await removePassword(await this.graph(), objectId, keyId);
  }

  async getApplication(
    reference: ApplicationReference,
  ): Promise<EntraApplicationInfo | undefined> {
    const api = await this.graph();
    const key = applicationKey(reference);
    try {
      const { body } = await api.call(
        'GET',
        `/applications${key}?$select=${APPLICATION_SELECT}`,
      );
      return toApplicationInfo(body);
    } catch (error) {
      if (error instanceof EntraGraphError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async getApplicationsByAppId(appIds: string[]): Promise<ApplicationsByAppId> {
    const ids = appIds.map(id => id.toLowerCase());
    const applicationUrls = whereInUrls(
      'applications',
      'appId',
      ids,
      APPLICATION_SELECT,
    );
    const principalUrls = whereInUrls(
      'servicePrincipals',
      'appId',
      ids,
      'appId',
    );
    const found = await listAll<any>(await this.graph(), [
      ...applicationUrls,
      ...principalUrls,
    ]);
    const items = (urls: string[]) => urls.flatMap(url => found.get(url)!);
    return {
      applications: items(applicationUrls).map(toApplicationInfo),
      servicePrincipalAppIds: items(principalUrls).map(
        (principal: { appId: string }) => principal.appId,
      ),
    };
  }

  async listApplications(
    options: { deployment?: string; only?: 'secrets' } = {},
  ): Promise<EntraApplicationInfo[]> {
    const api = await this.graph();
    const tag = options.deployment
      ? deploymentTag(options.deployment)
      : APPLICATION_TAGS.product;
    const filter = `tags/any(t:t eq '${tag.replace(/'/g, "''")}')`;
    const { body } = await api.call<Page<Application>>(
      'GET',
      `/applications?${filterQuery(
        filter,
        options.only === 'secrets' ? SECRETS_SELECT : APPLICATION_SELECT,
      )}&$top=999`,
    );
    return (await allPages(api, body)).map(toApplicationInfo);
  }
}
