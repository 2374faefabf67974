import {
  DeploymentClientKey,
  DeploymentSpec,
  deploymentClientLabel,
  RequestSecretReference,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  entraSecretKey,
  LocalPublishConfig,
  ProvisioningDirectory,
  SecretSink,
  sinkTarget,
  UpgradePlan,
} from '@camunda-entra/plugin-camunda-entra-node';
import { ConflictError } from '@backstage/errors';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import { specOf } from '../database/storedSpec';
import { deliverRequestSecrets } from '../secrets/deliverRequestSecrets';
import type { RequestWork } from '../workUnderLease';
import { inputOf, planRegistrationUpgrade } from './planUpgradeRequest';
import { publishUpgradeValues } from './publishUpgradeValues';

/**
 * Carries out an approved upgrade in the order that keeps sign-in working, through the same
 * registration as provisioning and planned by the same planUpgrade as the CLI:
 * - apply (the worker, on approval): the target line's applications are registered, changed
 *   ones with both lines' redirect URIs; the new confidential ones get a secret, delivered to
 *   the sink beside the deployment's other keys, and the new line's values go to a branch of
 *   the deployment's local repository. The upgrade becomes the registration;
 * - finish (the owner, once the new line runs): changed applications are registered again with
 *   the new line's redirect URIs only, those only the old line used are deleted with their
 *   secrets.
 * Both are safe to run again.
 */
export class Upgrader {
  static create(options: {
    directory: ProvisioningDirectory;
    sink: SecretSink;
    store: RequestStore;
    /** The local publishing target, when enabled: the new values go to a branch there. */
    publish?: LocalPublishConfig;
    now?: () => Date;
  }): Upgrader {
    return new Upgrader({ now: () => new Date(), ...options });
  }

  private constructor(
    private readonly options: {
      directory: ProvisioningDirectory;
      sink: SecretSink;
      store: RequestStore;
      publish?: LocalPublishConfig;
      now: () => Date;
    },
  ) {}

  /** Applies an `upgrade` request in state `provisioning` and moves it to `provisioned`. */
  async apply(
    request: StoredRequest,
    { signal, leaseOwner }: RequestWork = {},
  ): Promise<StoredRequest> {
    const { directory, store } = this.options;
    const { spec, previous, upgrade } = await this.replan(request);
    const current = await store.findProvisioned({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    if (current?.id !== previous.id) {
      throw new Error(
        `Request ${request.id} cannot upgrade: the registration of ${
          spec.name
        } it was planned from (request ${
          previous.id
        }) was replaced by request ${
          current?.id ?? 'none'
        }; ask for the upgrade again`,
      );
    }
    const registered = await directory.registerDeployment(
      spec,
      upgrade.steps.apply,
      { source: request.entityRef ?? `camunda-entra request ${request.id}` },
    );
    signal?.throwIfAborted();
    const clients = Object.fromEntries(
      registered.map(a => [a.client, a.appId]),
    );
    await store.recordApplications(request.id, {
      clients,
      objectIds: Object.fromEntries(
        registered.map(a => [a.client, a.objectId]),
      ),
      leaseOwner,
    });
    const added = upgrade.applications
      .filter(a => a.change === 'added')
      .map(a => a.client);
    const confidential = upgrade.steps.apply.flatMap(application =>
      application.needsSecret && added.includes(application.client)
        ? [registered.find(a => a.client === application.client)!]
        : [],
    );
    const delivered =
      request.secrets ??
      (await this.deliver(request, spec, confidential, leaseOwner));
    // Committed again on a retry: the branch then has these files and nothing changes.
    await store.addEvent(request.id, {
      actor: PLUGIN_ACTOR,
      comment: await publishUpgradeValues({
        publish: this.options.publish,
        spec,
        clients,
        requestId: request.id,
      }),
    });
    const changed = upgrade.applications.filter(a => a.change === 'changed');
    return store.transition(request.id, {
      from: ['provisioning'],
      to: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment: `upgraded to ${upgrade.to}: ${
        registered.length
      } Entra applications registered (${added.length} added, ${
        changed.length
      } with both lines' redirect URIs), ${
        Object.keys(delivered).length
      } new client secrets; ${
        upgrade.steps.finish.length + upgrade.steps.remove.length
      } changes wait until the upgrade is finished`,
      leaseOwner,
    });
  }

  /**
   * Finishes an applied upgrade: what only the old line used goes. Refused while the upgrade is
   * not the deployment's registration (not applied yet, or provisioned over since); a finished
   * upgrade is returned as it is.
   */
  async finish(request: StoredRequest, actor: string): Promise<StoredRequest> {
    const { directory, store } = this.options;
    const { plan } = request;
    if (plan.upgrade?.finished) {
      return request;
    }
    const { spec, previous, upgrade } = await this.replan(request);
    const current = await store.findProvisioned({
      name: spec.name,
      tenantId: spec.tenant.id,
    });
    if (request.state !== 'provisioned' || current?.id !== request.id) {
      throw new ConflictError(
        request.state === 'provisioned'
          ? `The upgrade ${request.id} is no longer the registration of ${spec.name} (request ${current?.id} is); there is nothing to finish`
          : `The upgrade ${request.id} is ${request.state}: it is finished once it is applied (provisioned) and the new line runs`,
      );
    }
    if (upgrade.steps.finish.length > 0) {
      await directory.registerDeployment(spec, upgrade.steps.finish, {
        source: request.entityRef ?? `camunda-entra request ${request.id}`,
      });
    }
    for (const { client } of upgrade.steps.remove) {
      const objectId = previous.objectIds[client];
      if (objectId) {
        await directory.removeApplication(objectId);
      }
    }
    const keys = upgrade.steps.remove.flatMap(
      ({ client }) => entraSecretKey(client) ?? [],
    );
    await store.recordPlan(request.id, {
      ...plan,
      upgrade: {
        ...plan.upgrade!,
        finished: { actor, at: this.options.now().toISOString() },
      },
    });
    await store.addEvent(request.id, {
      actor,
      comment: [
        `upgrade finished: ${upgrade.steps.remove.length} Entra applications only ${upgrade.from} used removed with their secrets`,
        `${upgrade.steps.finish.length} registered again with ${upgrade.to}'s redirect URIs only`,
        // No sink removes single keys; the stale ones hold secrets that no longer exist.
        ...(keys.length > 0
          ? [
              `the secret ${
                spec.secrets.entra
              } no longer needs the keys ${keys.join(', ')}`,
            ]
          : []),
      ].join('; '),
    });
    return (await store.get(request.id))!;
  }

  /**
   * The target spec, the registration it was planned from and the plan again: planUpgrade is
   * pure, so the steps are those the approver saw.
   */
  private async replan(request: StoredRequest): Promise<{
    spec: DeploymentSpec;
    previous: StoredRequest;
    upgrade: UpgradePlan;
  }> {
    const spec = specOf(request);
    const { registration } = request.plan;
    const previous =
      registration?.kind === 'existing'
        ? await this.options.store.get(registration.requestId)
        : undefined;
    if (!previous) {
      throw new Error(
        `Request ${request.id} names no registration it upgrades`,
      );
    }
    const upgrade = planRegistrationUpgrade(
      previous,
      specOf(previous),
      spec.chart,
      inputOf(spec),
    );
    return { spec, previous, upgrade };
  }

  /**
   * Adds a secret to each new confidential application, sets them in the deployment's secret
   * beside its other keys and records them; the applications both lines use keep the secrets
   * delivered before. Withdrawn again when the sink refuses them.
   */
  private async deliver(
    request: StoredRequest,
    spec: DeploymentSpec,
    confidential: Array<{ client: DeploymentClientKey; objectId: string }>,
    leaseOwner: string | undefined,
  ): Promise<Record<string, RequestSecretReference>> {
    const { store } = this.options;
    const { location, secrets } =
      confidential.length > 0
        ? await deliverRequestSecrets(
            this.options,
            { id: request.id, spec },
            confidential,
            { mode: 'update' },
          )
        : {
            location:
              request.secretLocation ??
              this.options.sink.describe(
                sinkTarget(request.id, spec),
                'update',
              ),
            secrets: {},
          };
    await store.recordSecrets(request.id, { secrets, location, leaseOwner });
    await store.addEvent(request.id, {
      actor: PLUGIN_ACTOR,
      comment: `delivered ${confidential.length} new client secrets (${
        confidential.map(c => deploymentClientLabel(c.client)).join(', ') ||
        'none'
      }) to ${location}`,
    });
    return secrets;
  }
}
