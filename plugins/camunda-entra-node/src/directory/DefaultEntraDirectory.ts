import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DeploymentSpec,
  EntraApplicationPlan,
} from '@camunda-entra/plugin-camunda-entra-common';
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { removePassword } from './addPasswordOnce';
import {
  getApplication,
  findApplicationsByDisplayName,
  getApplicationsByAppId,
  listApplications,
} from './applicationReads';
import { ApplicationRegistration } from './applicationRegistration';
import { addClientSecret } from './clientSecrets';
import { EntraDirectoryConfig, readEntraDirectoryConfig } from './config';
import { createEntraCredential } from './credentials';
import { EntraGraphError } from './errors';
import { GraphApi } from './graphApi';
import { createGraphClient, SharedTokenProvider } from './graphClient';
import { GraphResponseListener } from './graphResponses';
import { listWhereIn } from './graphQueries';
import { ReplicatingCollection, ReplicationWaiter } from './replicationWaiter';
import { DEFAULT_REPLICATION_POLICY, VISIBILITY_POLL_POLICY } from './retry';
import { ServicePrincipals } from './servicePrincipals';
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

/**
 * Options of {@link DefaultEntraDirectory}.
 *
 * @public
 */
export interface DefaultEntraDirectoryOptions {
  logger?: LoggerService;
  /** Observes each answer from Graph, e.g. for metrics. */
  onGraphResponse?: GraphResponseListener;
}

/**
 * {@link EntraDirectory} over Microsoft Graph with `@azure/identity` credentials. It holds
 * the Graph connection; registration, service principals and reads live in their own files.
 *
 * @public
 */
export class DefaultEntraDirectory implements EntraDirectory {
  private api?: Promise<GraphApi>;
  private readonly registration: ApplicationRegistration;

  /** Reads `camundaEntra.directory`. */
  static fromConfig(
    config: Config,
    options: DefaultEntraDirectoryOptions = {},
  ): DefaultEntraDirectory {
    return DefaultEntraDirectory.create(
      readEntraDirectoryConfig(config),
      options,
    );
  }

  static create(
    config: EntraDirectoryConfig,
    options: DefaultEntraDirectoryOptions = {},
  ): DefaultEntraDirectory {
    return new DefaultEntraDirectory(
      config,
      options.logger,
      options.onGraphResponse,
    );
  }

  private constructor(
    private readonly config: EntraDirectoryConfig,
    private readonly logger?: LoggerService,
    private readonly onGraphResponse?: GraphResponseListener,
  ) {
    const graph = () => this.graph();
    const replication = new ReplicationWaiter(
      (collection, ids) => this.visibleIds(collection, ids),
      VISIBILITY_POLL_POLICY,
      { logger },
    );
    this.registration = new ApplicationRegistration(
      config,
      graph,
      replication,
      new ServicePrincipals(graph, config.tenantId),
      logger,
    );
  }

  get tenantId(): string {
    return this.config.tenantId;
  }

  registerDeployment(
    target: DeploymentSpec | EntraApplicationPlan[],
    options?: RegisterDeploymentOptions,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication[]> {
    return this.registration.registerDeployment(target, options, onProgress);
  }

  registerApplication(
    plan: EntraApplicationPlan,
    options: RegisterApplicationOptions,
    onProgress?: (progress: RegistrationProgress) => void,
  ): Promise<RegisteredApplication> {
    return this.registration.registerApplication(plan, options, onProgress);
  }

  async addSecret(
    objectId: string,
    options: { displayName: string; lifetimeDays?: number },
  ): Promise<CreatedSecret> {
    return addClientSecret(await this.graph(), objectId, options, {
      config: this.config,
      justCreated: false,
      logger: this.logger,
    });
  }

  async removeSecret(objectId: string, keyId: string): Promise<void> {
    await removePassword(await this.graph(), objectId, keyId);
  }

  async removeApplication(objectId: string): Promise<void> {
    const api = await this.graph();
    try {
      await api.call('DELETE', `/applications/${encodeURIComponent(objectId)}`);
    } catch (error) {
      if (!(error instanceof EntraGraphError && error.statusCode === 404)) {
        throw error;
      }
    }
  }

  async getApplication(
    reference: ApplicationReference,
  ): Promise<EntraApplicationInfo | undefined> {
    return getApplication(await this.graph(), reference);
  }

  async getApplicationsByAppId(appIds: string[]): Promise<ApplicationsByAppId> {
    return getApplicationsByAppId(await this.graph(), appIds);
  }

  async listApplications(
    options: { deployment?: string; only?: 'secrets' } = {},
  ): Promise<EntraApplicationInfo[]> {
    return listApplications(await this.graph(), options);
  }

  async findApplicationsByDisplayName(
    prefix: string,
    options: { limit?: number } = {},
  ): Promise<EntraApplicationInfo[]> {
    return findApplicationsByDisplayName(
      await this.graph(),
      prefix,
      options.limit ?? 50,
    );
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
      onResponse: this.onGraphResponse,
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
}
