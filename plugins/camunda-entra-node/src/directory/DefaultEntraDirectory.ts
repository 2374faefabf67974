import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraApplicationPlan,
  EntraClientKey,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import type { Application } from 'microsoft-graph';
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { hasUnexpiredSecret } from './applicationDrift';
import { toApplicationInfo, APPLICATION_SELECT } from './applicationInfo';
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
import { GraphApi } from './graphApi';
import { createGraphClient, SharedTokenProvider } from './graphClient';
import {
  ApplicationReference,
  CreatedSecret,
  EntraApplicationInfo,
  EntraDirectory,
  RegisterApplicationOptions,
  RegisterDeploymentOptions,
  RegisteredApplication,
  RegistrationProgress,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Graph's limit on values in one `in (...)` filter and on requests in one `$batch`. */
const MAX_FILTER_VALUES = 15;
const MAX_BATCH_REQUESTS = 20;
const CONSENT_SCOPES = Object.keys(SIGN_IN_SCOPES);

/** Entra's answers while a new object replicates (FACTS.md §2). */
const notYetReplicated = (failure: GraphFailure) =>
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

function filterQuery(filter: string, select = APPLICATION_SELECT): string {
  return `$filter=${encodeURIComponent(filter)}&$select=${select}`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
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
    readonly failures: Array<{ client: EntraClientKey; error: Error }>,
  ) {
    super(
      `Registration failed for ${failures.length} of ${
        failures.length + registered.length
      } applications: ${failures.map(f => f.error.message).join('; ')}`,
    );
  }
}

/** One page of a Graph collection. */
interface Page<T = Application> {
  value: T[];
  '@odata.nextLink'?: string;
}

/** What one registration works on after the upsert. */
interface UpsertedApplication {
  objectId: string;
  appId: string;
  created: boolean;
  passwordCredentials: Array<{ endDateTime?: string }>;
}

/**
 * {@link EntraDirectory} over Microsoft Graph with `@azure/identity` credentials.
 *
 * @public
 */
export class DefaultEntraDirectory implements EntraDirectory {
  private api?: Promise<GraphApi>;
  private graphServicePrincipal?: Promise<string>;

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
  ) {}

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
      logger: this.logger,
    });
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
    if (applicationOptions.grantAdminConsent ?? this.config.grantAdminConsent) {
      // Looked up alongside the upserts rather than at the end of each chain.
      this.microsoftGraphServicePrincipalId().catch(() => undefined);
    }
    const settled = await Promise.allSettled(
      plans.map(plan =>
        this.registerApplication(plan, applicationOptions, onProgress),
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
    onProgress: (progress: RegistrationProgress) => void = () => {},
  ): Promise<RegisteredApplication> {
    const report = (step: RegistrationProgress['step'], message: string) => {
      this.logger?.info(`${plan.client}: ${message}`);
      onProgress({ client: plan.client, step, message });
    };
    try {
      report('start', `registering ${plan.uniqueName}`);
      const api = await this.graph();
      const app = await this.upsertApplication(api, plan, options);
      report(
        'application',
        `${app.created ? 'created' : 'updated'} application ${
          plan.uniqueName
        } (appId ${app.appId})`,
      );
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

  /** `PATCH /applications(uniqueName=…)` with `Prefer: create-if-missing`: 201 created, 204 updated. */
  private async upsertApplication(
    api: GraphApi,
    plan: EntraApplicationPlan,
    options: RegisterApplicationOptions,
  ): Promise<UpsertedApplication> {
    const path = `/applications(uniqueName=${quoteKey(plan.uniqueName)})`;
    const upsert = await api.call<{ id: string; appId: string }>(
      'PATCH',
      path,
      {
        body: applicationManifest(plan, options),
        headers: { Prefer: 'create-if-missing' },
      },
    );
    if (upsert.status === 201) {
      return {
        objectId: upsert.body.id,
        appId: upsert.body.appId,
        created: true,
        passwordCredentials: [],
      };
    }
    const { body } = await api.call<{
      id: string;
      appId: string;
      passwordCredentials: Array<{ endDateTime?: string }>;
    }>('GET', `${path}?$select=id,appId,passwordCredentials`, {
      // It exists (204): a 404 means a recent create has not replicated yet.
      retryOn: notYetReplicated,
    });
    return {
      objectId: body.id,
      appId: body.appId,
      created: false,
      passwordCredentials: body.passwordCredentials ?? [],
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
    if (!(options.grantAdminConsent ?? this.config.grantAdminConsent)) {
      return { ...principal, consent: 'skipped' };
    }
    const consent = await this.grantConsent(api, principal);
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
        { retryOn: justCreated ? notYetReplicated : undefined },
      );
      return body.id;
    } catch (error) {
      if (
        error instanceof EntraGraphError &&
        notYetReplicated(error.failure) &&
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
  ): Promise<{ id: string; created: boolean }> {
    // A new application cannot have a service principal yet: skip the lookup.
    const existing = app.created
      ? undefined
      : await this.findServicePrincipal(api, app.appId);
    if (existing) {
      return { id: existing, created: false };
    }
    try {
      const { body } = await api.call<{ id: string }>(
        'POST',
        '/servicePrincipals',
        {
          body: { appId: app.appId },
          retryOn: applicationNotYetValid,
        },
      );
      return { id: body.id, created: true };
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      // Created concurrently (another run): use that one.
      return {
        id: (await this.findServicePrincipal(api, app.appId, true))!,
        created: false,
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
  ): Promise<RegisteredApplication['consent']> {
    const resourceId = await this.microsoftGraphServicePrincipalId();
    if (!principal.created) {
      const reconciled = await this.reconcileGrant(
        api,
        principal.id,
        resourceId,
      );
      if (reconciled) {
        return reconciled;
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
        retryOn: principal.created ? notYetReplicated : undefined,
      });
      return 'created';
    } catch (error) {
      if (!alreadyExists(error)) {
        throw error;
      }
      return (
        (await this.reconcileGrant(api, principal.id, resourceId)) ??
        'unchanged'
      );
    }
  }

  private async reconcileGrant(
    api: GraphApi,
    clientId: string,
    resourceId: string,
  ): Promise<'updated' | 'unchanged' | undefined> {
    const filter = `clientId eq '${clientId}' and resourceId eq '${resourceId}' and consentType eq 'AllPrincipals'`;
    const { body } = await api.call<{
      value: Array<{ id: string; scope?: string }>;
    }>('GET', `/oauth2PermissionGrants?$filter=${encodeURIComponent(filter)}`);
    const grant = body.value[0];
    if (!grant) {
      return undefined;
    }
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
    const added = await Promise.all(
      owners.map(async owner => {
        try {
          await api.call('POST', `/applications/${app.objectId}/owners/$ref`, {
            body: {
              '@odata.id': `${this.config.graphUrl}/v1.0/directoryObjects/${owner}`,
            },
            retryOn: app.created ? notYetReplicated : undefined,
          });
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
    const { body } = await api.call<CreatedSecret & { secretText: string }>(
      'POST',
      `/applications/${encodeURIComponent(objectId)}/addPassword`,
      {
        body: {
          passwordCredential: {
            displayName: options.displayName,
            endDateTime: new Date(Date.now() + days * DAY_MS).toISOString(),
          },
        },
        retryOn: justCreated ? notYetReplicated : undefined,
      },
    );
    return createdSecret(body);
  }

  async removeSecret(objectId: string, keyId: string): Promise<void> {
    const api = await this.graph();
    await api.call(
      'POST',
      `/applications/${encodeURIComponent(objectId)}/removePassword`,
      {
        body: { keyId },
      },
    );
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

  async getApplicationsByAppId(
    appIds: string[],
  ): Promise<EntraApplicationInfo[]> {
    const applications = await this.listByAppId<Application>(
      'applications',
      appIds,
      APPLICATION_SELECT,
    );
    return applications.map(toApplicationInfo);
  }

  async getServicePrincipalAppIds(appIds: string[]): Promise<string[]> {
    const principals = await this.listByAppId<{ appId: string }>(
      'servicePrincipals',
      appIds,
      'appId',
    );
    return principals.map(principal => principal.appId);
  }

  /**
   * The objects of a collection whose appId is among `appIds`: one `appId in (…)` filter per
   * 15 IDs; more than one filter goes out as `$batch`es of up to 20, so 300 IDs cost a single
   * request.
   */
  private async listByAppId<T>(
    collection: 'applications' | 'servicePrincipals',
    appIds: string[],
    select: string,
  ): Promise<T[]> {
    const unique = [...new Set(appIds.map(id => id.toLowerCase()))];
    if (unique.length === 0) {
      return [];
    }
    const api = await this.graph();
    const urls = chunk(unique, MAX_FILTER_VALUES).map(
      ids =>
        `/${collection}?${filterQuery(
          `appId in (${ids.map(id => `'${id}'`).join(',')})`,
          select,
        )}`,
    );
    const firstPages =
      urls.length === 1
        ? [(await api.call<Page<T>>('GET', urls[0])).body]
        : (
            await Promise.all(
              chunk(urls, MAX_BATCH_REQUESTS).map(group =>
                api.batchGet<Page<T>>(group),
              ),
            )
          ).flatMap(results => [...results.values()]);
    const objects = await Promise.all(
      firstPages.map(page => this.allPages(api, page)),
    );
    return objects.flat();
  }

  async listApplications(
    options: { deployment?: string } = {},
  ): Promise<EntraApplicationInfo[]> {
    const api = await this.graph();
    const tag = options.deployment
      ? deploymentTag(options.deployment)
      : APPLICATION_TAGS.product;
    const filter = `tags/any(t:t eq '${tag.replace(/'/g, "''")}')`;
    const { body } = await api.call<Page>(
      'GET',
      `/applications?${filterQuery(filter)}&$top=999`,
    );
    return (await this.allPages(api, body)).map(toApplicationInfo);
  }

  /** A page's items and those of the pages after it, following `@odata.nextLink` verbatim. */
  private async allPages<T>(api: GraphApi, first: Page<T>): Promise<T[]> {
    const items = [...first.value];
    let next = first['@odata.nextLink'];
    while (next) {
      const { body }: { body: Page<T> } = await api.call<Page<T>>('GET', next);
      items.push(...body.value);
      next = body['@odata.nextLink'];
    }
    return items;
  }
}
