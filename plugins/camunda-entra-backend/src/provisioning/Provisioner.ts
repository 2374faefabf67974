import {
  DeploymentSpec,
  deploymentClientLabel,
  EntraApplicationPlan,
  planEntraApplications,
  RequestSecretReference,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ProvisionedApplication,
  ProvisioningDirectory,
  ProvisioningProgress,
  SecretSink,
} from '@camunda-entra/plugin-camunda-entra-node';
import { PLUGIN_ACTOR } from '../actors';
import type { RequestWork } from '../workUnderLease';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import {
  assertRegistrationOwner,
  registrationOf,
} from '../registrations/registrationOwner';
import { scheduleReplacedSecrets } from '../secrets/scheduleReplacedSecrets';
import { SecretRemovalStore } from '../database/SecretRemovalStore';
import { deliverRequestSecrets } from '../secrets/deliverRequestSecrets';

/**
 * What provisioning and rotation need: both deliver secrets and schedule replaced ones for removal.
 */
export type ProvisionerOptions = {
  directory: ProvisioningDirectory;
  sink: SecretSink;
  store: RequestStore;
  /** Where the secrets of an earlier registration are recorded for removal. */
  removals: SecretRemovalStore;
  /** How long the earlier registration's secrets stay valid after the new ones are delivered. */
  gracePeriodMs: number;
  /** Epoch milliseconds; tests move it. */
  now?: () => number;
};

/**
 * Registers a request's applications and delivers their client secrets. Safe to run again on
 * a request that was interrupted at any point:
 * - registration is an upsert by uniqueName, so no application is created twice;
 * - secrets carry the request's ID as display name; until the sink write is recorded, any
 *   earlier secret of this request is removed before a new one is added, so exactly one
 *   survives and it is the one in the sink.
 * When the deployment was provisioned before, every other secret of its applications (the
 * earlier registration's, and its rotations') is removed after the rotation grace period, as a
 * rotation does, so that again exactly one valid secret remains.
 */
export class Provisioner {
  static create(options: ProvisionerOptions): Provisioner {
    return new Provisioner({ ...options, now: options.now ?? Date.now });
  }

  private constructor(private readonly options: Required<ProvisionerOptions>) {}

  /** Provisions a request in state `provisioning` and moves it to `provisioned`. */
  async provision(
    request: StoredRequest,
    work: RequestWork = {},
  ): Promise<StoredRequest> {
    const { signal, leaseOwner } = work;
    const { store } = this.options;
    const spec = specOf(request);
    const applications = planEntraApplications(spec);
    // Looked up before anything changes; this request is not provisioned yet, so not found.
    const earlier = await store.findProvisioned({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    // Checked again here: two requests for one name may both have been made before either ran.
    if (earlier) {
      assertRegistrationOwner(registrationOf(earlier), {
        deployment: spec.name,
        entityRef: request.entityRef,
        namespace: spec.namespace,
      });
    }

    // Before the first write to the directory: from here on the name is not released if the
    // request fails, and a request that no longer holds its reservation writes nothing.
    await store.beginRegistration(request.id);
    const registered = await this.register(request, spec, applications, work);
    signal?.throwIfAborted();

    const confidential = applications.flatMap(application =>
      application.needsSecret
        ? [{ application, objectId: registered[application.client].objectId }]
        : [],
    );
    const secrets =
      request.secrets ??
      (await this.deliver(request, spec, confidential, work));

    let comment = `${applications.length} Entra applications registered`;
    if (earlier) {
      const removeAfter = new Date(
        this.options.now() + this.options.gracePeriodMs,
      );
      let replaced = 0;
      for (const { application, objectId } of confidential) {
        replaced += await scheduleReplacedSecrets(this.options, {
          requestId: request.id,
          objectId,
          keyId: secrets[application.client].keyId,
          removeAfter,
        });
      }
      comment += `; ${replaced} secrets of the earlier registration ${
        earlier.id
      } are removed after ${removeAfter.toISOString()}`;
    }
    return store.transition(request.id, {
      from: ['provisioning'],
      to: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment,
      leaseOwner,
    });
  }

  /**
   * Registers the applications in one registration of the deployment, logging each as it
   * starts and ends and recording each as soon as it is registered, so that a run interrupted
   * midway leaves the finished ones recorded. The records are written one after another, each
   * with every application registered so far (and those an earlier run recorded).
   */
  private async register(
    request: StoredRequest,
    spec: DeploymentSpec,
    applications: EntraApplicationPlan[],
    { leaseOwner }: RequestWork,
  ): Promise<Record<string, ProvisionedApplication>> {
    const { directory, store } = this.options;
    const clients = { ...request.clients };
    const objectIds = { ...request.objectIds };
    const reported = new Set<string>();
    let writes = Promise.resolve();
    const write = (next: () => Promise<void>) => {
      writes = writes.then(next);
      // Awaited below; until then a failed write must not count as unhandled.
      writes.catch(() => {});
    };
    const record = (application: ProvisionedApplication) => {
      reported.add(application.client);
      clients[application.client] = application.appId;
      objectIds[application.client] = application.objectId;
      const recorded = { clients: { ...clients }, objectIds: { ...objectIds } };
      write(async () => {
        await store.recordApplications(request.id, { ...recorded, leaseOwner });
        await this.progress(
          request.id,
          `registered ${deploymentClientLabel(application.client)} (client ID ${
            application.appId
          })`,
        );
      });
    };
    const onProgress = (progress: ProvisioningProgress) => {
      if (progress.step === 'registered') {
        record(progress);
      } else {
        write(() =>
          this.progress(
            request.id,
            `registering ${deploymentClientLabel(progress.client)}`,
          ),
        );
      }
    };
    let registered: ProvisionedApplication[];
    try {
      registered = await directory.registerDeployment(spec, applications, {
        source: request.entityRef ?? `camunda-entra request ${request.id}`,
        onProgress,
      });
      // A directory that reported none of them still has them recorded.
      registered.filter(a => !reported.has(a.client)).forEach(record);
    } finally {
      // Also when registration failed: the applications it finished are recorded first.
      await writes;
    }
    return Object.fromEntries(registered.map(a => [a.client, a]));
  }

  /**
   * Adds one secret per confidential client, writes them to the sink and records them. When
   * the sink does not take them, they are removed again before the request fails.
   */
  private async deliver(
    request: StoredRequest,
    spec: DeploymentSpec,
    confidential: Array<{
      application: EntraApplicationPlan;
      objectId: string;
    }>,
    { signal, leaseOwner }: RequestWork,
  ): Promise<Record<string, RequestSecretReference>> {
    const { location, secrets } = await deliverRequestSecrets(
      this.options,
      { id: request.id, spec },
      confidential.map(({ application, objectId }) => ({
        client: application.client,
        objectId,
      })),
      { mode: 'write', signal },
    );
    await this.options.store.recordSecrets(request.id, {
      secrets,
      location,
      leaseOwner,
    });
    await this.progress(
      request.id,
      `delivered ${confidential.length} client secrets to ${location}`,
    );
    return secrets;
  }

  private async progress(id: string, comment: string) {
    await this.options.store.addEvent(id, { actor: PLUGIN_ACTOR, comment });
  }
}
