import {
  deploymentClientLabel,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import type { RequestWork } from '../workUnderLease';
import { ProvisioningDirectory } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * Carries out an approved repair: registers each drifted application of the plan again from
 * the recorded spec, which writes only what differs (redirect URIs, platform, token version,
 * claims, group claims). Registration adds no secret here, and none is removed. Safe to run
 * again: registering an application that is already in line changes nothing.
 */
export class Repairer {
  static create(options: {
    directory: ProvisioningDirectory;
    store: RequestStore;
  }): Repairer {
    return new Repairer(options.directory, options.store);
  }

  private constructor(
    private readonly directory: ProvisioningDirectory,
    private readonly store: RequestStore,
  ) {}

  /** Repairs a `repair` request in state `provisioning` and moves it to `provisioned`. */
  async repair(
    request: StoredRequest,
    { signal, leaseOwner }: RequestWork = {},
  ): Promise<StoredRequest> {
    const spec = specOf(request);
    // The spec is the registration's when the repair was planned; one provisioned since then
    // registered the applications anew, and repairing them to the older spec would undo it.
    const { registration } = request.plan;
    const current = await this.store.findProvisioned({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    if (
      registration?.kind !== 'existing' ||
      current?.id !== registration.requestId
    ) {
      throw new Error(
        `Request ${request.id} cannot repair: the registration of ${
          spec.name
        } it was planned from (request ${
          registration?.kind === 'existing' ? registration.requestId : 'none'
        }) was replaced by request ${
          current?.id ?? 'none'
        }; ask for a new repair if the applications still drift`,
      );
    }
    const planned = planEntraApplications(spec);
    for (const { client, differences = [] } of request.plan.applications) {
      const application = planned.find(a => a.client === client);
      if (!application) {
        throw new Error(`The registration of ${spec.name} has no ${client}`);
      }
      signal?.throwIfAborted();
      // The upsert is by uniqueName: without the recorded application it would create one.
      const recorded = request.objectIds[client];
      const { applications } = await this.directory.getApplicationsByAppId([
        request.clients[client],
      ]);
      if (!applications.some(app => app.objectId === recorded)) {
        throw new Error(
          `${client}: the recorded application ${recorded} (appId ${request.clients[client]}) is no longer in the directory; a repair creates no application, provision the deployment again`,
        );
      }
      const [{ objectId }] = await this.directory.registerDeployment(
        spec,
        [application],
        { source: request.entityRef ?? `camunda-entra request ${request.id}` },
      );
      if (objectId !== recorded) {
        throw new Error(
          `${client}: the registered application ${objectId} is not the recorded ${recorded}`,
        );
      }
      await this.store.addEvent(request.id, {
        actor: PLUGIN_ACTOR,
        comment: `restored ${deploymentClientLabel(client)}: ${differences
          .map(d => `${d.property} ${d.actual} → ${d.expected}`)
          .join('; ')}`,
      });
    }
    return this.store.transition(request.id, {
      from: ['provisioning'],
      to: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment: `${request.plan.applications.length} Entra applications repaired; client secrets untouched`,
      leaseOwner,
    });
  }
}
