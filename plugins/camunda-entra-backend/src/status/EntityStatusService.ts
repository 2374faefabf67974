import {
  BackstageCredentials,
  CacheService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import {
  camundaEntraStatusReadPermission,
  DeploymentEntraStatus,
  DeploymentSpec,
  EntraApplicationPlan,
  planEntraApplications,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';
import { MonitoringConfig } from '../config';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import { SecretSink } from '@camunda-entra/plugin-camunda-entra-node';
import type { VerificationStore } from '../database/VerificationStore';
import type { FleetStatusStore } from '../database/FleetStatusStore';
import { deploymentComponents } from './deploymentComponents';
import { fleetEntry } from './fleetEntry';
import {
  DeploymentEntity,
  getDeploymentEntity,
} from '../catalog/deploymentEntity';
import { MonitoringDirectory } from '@camunda-entra/plugin-camunda-entra-node';
import { secretLocator } from '../registrations/secretLocator';

/** How long the last known state stays available for when Graph fails. */
const LAST_KNOWN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One read of a deployment's applications, cached as JSON (the interfaces it holds lack the
 * index signature the cache's JSON types declare, hence the casts).
 */
interface DeploymentSnapshot {
  /** Epoch milliseconds of the read. */
  fetchedAt: number;
  applications: EntraApplicationInfo[];
  servicePrincipalAppIds: string[];
  /** Null when no provisioning of the deployment is recorded. */
  expected: EntraApplicationPlan[] | null;
}

/**
 * Options of {@link EntityStatusService.create}.
 */
export interface EntityStatusServiceOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  directory: MonitoringDirectory;
  store: RequestStore;
  /** Says where each client's secret is kept. */
  sink: SecretSink;
  cache: CacheService;
  /** The last sign-in verification of the deployment, shown with its state. */
  verifications: Pick<VerificationStore, 'last'>;
  monitoring: Pick<MonitoringConfig, 'secretExpiry' | 'statusCacheTtlMs'>;
  /** The fleet view's status cache, which every fresh read of a registered deployment updates. */
  fleet?: Pick<FleetStatusStore, 'record'>;
  /**
   * The tenant this portal registers in: an entity annotated with another answers 404, so
   * its name is never looked up among this tenant's registrations.
   */
  portalTenantId?: string;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
}

/**
 * The Entra state of a deployment's catalog entity. The caller must be able to read the
 * entity; the directory is read in one batch per deployment, cached for a short TTL (shared
 * by replicas through the cache service), and when Graph fails the last known state is
 * returned marked stale.
 */
export class EntityStatusService {
  static create(options: EntityStatusServiceOptions): EntityStatusService {
    return new EntityStatusService({
      ...options,
      now: options.now ?? Date.now,
    });
  }

  /** Reads in progress by cache key, so concurrent requests share one Graph call. */
  private readonly reading = new Map<string, Promise<DeploymentSnapshot>>();

  private constructor(
    private readonly options: EntityStatusServiceOptions & {
      now: () => number;
    },
  ) {}

  async getStatus(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeploymentEntraStatus> {
    const entity = await getDeploymentEntity(
      this.options.catalog,
      entityRef,
      credentials,
      this.options.portalTenantId,
    );
    const [decision] = await this.options.permissions.authorize(
      [
        {
          permission: camundaEntraStatusReadPermission,
          resourceRef: entity.entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not read the Entra state of ${entity.entityRef} (permission ${camundaEntraStatusReadPermission.name})`,
      );
    }
    const registration = await this.options.store.findProvisioned({
      name: entity.deployment,
      tenantId: entity.tenantId,
    });
    if (
      registration?.entityRef &&
      registration.entityRef.toLowerCase() !== entity.entityRef.toLowerCase()
    ) {
      throw new ConflictError(
        `The deployment ${entity.deployment} is registered for ${registration.entityRef}, not ${entity.entityRef}: its applications are not shown here`,
      );
    }
    // Refused before the directory is read when the stored spec no longer validates.
    const spec = registration && specOf(registration);
    const lastVerification =
      registration && (await this.options.verifications.last(registration));
    const key = cacheKey(entity);
    const cached = (await this.options.cache.get(key)) as
      | DeploymentSnapshot
      | undefined;
    const now = this.options.now();
    if (
      cached &&
      now - cached.fetchedAt < this.options.monitoring.statusCacheTtlMs
    ) {
      return this.toStatus(entity, registration, cached, { lastVerification });
    }
    let status: DeploymentEntraStatus;
    try {
      status = this.toStatus(
        entity,
        registration,
        await this.readOnce(key, entity, spec),
        { lastVerification },
      );
    } catch (error) {
      if (!cached) {
        throw new ServiceUnavailableError(
          `Could not read the Entra applications of ${
            entity.entityRef
          }, and no earlier state is known: ${stringifyError(error)}`,
        );
      }
      return this.toStatus(entity, registration, cached, {
        lastVerification,
        stale: {
          ageSeconds: Math.round((now - cached.fetchedAt) / 1000),
          error: stringifyError(error),
        },
      });
    }
    // A fresh read of a registered deployment is what the fleet view's cache holds, so it is
    // written through (one small write; cached answers were recorded when they were read).
    if (spec && registration) {
      await this.options.fleet?.record(fleetEntry(registration, spec), {
        health: status.health,
        checkedAt: status.fetchedAt,
        components: status.components,
      });
    }
    return status;
  }

  private readOnce(
    key: string,
    entity: DeploymentEntity,
    spec: DeploymentSpec | undefined,
  ): Promise<DeploymentSnapshot> {
    let read = this.reading.get(key);
    if (!read) {
      read = this.read(key, entity, spec).finally(() =>
        this.reading.delete(key),
      );
      this.reading.set(key, read);
    }
    return read;
  }

  /** `spec`: the recorded registration's, whose applications are expected. */
  private async read(
    key: string,
    entity: DeploymentEntity,
    spec: DeploymentSpec | undefined,
  ): Promise<DeploymentSnapshot> {
    const { directory, cache } = this.options;
    const appIds = entity.clients.map(c => c.appId);
    const { applications, servicePrincipalAppIds } =
      await directory.getApplicationsByAppId(appIds);
    const snapshot: DeploymentSnapshot = {
      fetchedAt: this.options.now(),
      applications,
      servicePrincipalAppIds,
      expected: spec ? planEntraApplications(spec) : null,
    };
    await cache.set(key, snapshot as unknown as JsonObject, {
      ttl: LAST_KNOWN_RETENTION_MS,
    });
    return snapshot;
  }

  private toStatus(
    entity: DeploymentEntity,
    registration: StoredRequest | undefined,
    snapshot: DeploymentSnapshot,
    {
      lastVerification,
      stale,
    }: {
      lastVerification?: SignInVerification;
      stale?: DeploymentEntraStatus['stale'];
    },
  ): DeploymentEntraStatus {
    const { components, health } = deploymentComponents({
      deployment: entity.deployment,
      cloud: entity.cloud,
      clients: entity.clients,
      read: snapshot,
      recorded: registration?.clients,
      expected: snapshot.expected,
      locate: registration && secretLocator(this.options.sink, registration),
      now: this.options.now(),
      thresholds: this.options.monitoring.secretExpiry,
    });
    return {
      entityRef: entity.entityRef,
      deployment: entity.deployment,
      ...(entity.tenantId && { tenantId: entity.tenantId }),
      components,
      health,
      fetchedAt: new Date(snapshot.fetchedAt).toISOString(),
      ...(lastVerification && { lastVerification }),
      ...(stale && { stale }),
    };
  }
}

/** Per entity and set of applications: new client IDs must not be answered from old data. */
function cacheKey(entity: DeploymentEntity): string {
  const appIds = entity.clients.map(c => c.appId.toLowerCase()).sort();
  return `status:${entity.entityRef}:${appIds.join(',')}`;
}
