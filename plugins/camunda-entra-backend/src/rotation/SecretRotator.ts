import {
  deploymentClientLabel,
  DeploymentClientKey,
} from '@camunda-entra/plugin-camunda-entra-common';
import { entraSecretKey } from '@camunda-entra/plugin-camunda-entra-node';
import { PLUGIN_ACTOR } from '../actors';
import { specOf } from '../database/storedSpec';
import { StoredRequest } from '../database/RequestStore';
import { ProvisionerOptions } from '../provisioning/Provisioner';
import type { RequestWork } from '../workUnderLease';
import { scheduleReplacedSecrets } from '../secrets/scheduleReplacedSecrets';
import { deliverRequestSecrets } from '../secrets/deliverRequestSecrets';

type SecretRotatorOptions = ProvisionerOptions;

/**
 * Carries out an approved rotation of one client's secret: adds a new secret, puts it into
 * the deployment's secret (keeping the other clients' keys), and schedules every other
 * secret of the application for removal after the grace period, so that exactly one valid
 * secret remains. Safe to run again on an interrupted rotation, like provisioning: until the
 * delivery is recorded, a secret this request added earlier is removed before a new one.
 */
export class SecretRotator {
  static create(options: SecretRotatorOptions): SecretRotator {
    return new SecretRotator({ ...options, now: options.now ?? Date.now });
  }

  private constructor(
    private readonly options: Required<SecretRotatorOptions>,
  ) {}

  /** Rotates a `rotate` request in state `provisioning` and moves it to `provisioned`. */
  async rotate(
    request: StoredRequest,
    { signal, leaseOwner }: RequestWork = {},
  ): Promise<StoredRequest> {
    const { store } = this.options;
    const client = request.client as DeploymentClientKey;
    const objectId = request.objectIds[client];
    const key = entraSecretKey(client);
    if (!objectId || !key) {
      throw new Error(
        `Request ${request.id} cannot rotate: it names no confidential client with a registered application`,
      );
    }
    const spec = specOf(request);
    const label = deploymentClientLabel(client);

    let delivered = request.secrets?.[client];
    if (!delivered) {
      const { location, secrets } = await deliverRequestSecrets(
        this.options,
        { id: request.id, spec },
        [{ client, objectId }],
        { mode: 'update', signal },
      );
      delivered = secrets[client];
      await store.recordSecrets(request.id, { secrets, location, leaseOwner });
      await store.addEvent(request.id, {
        actor: PLUGIN_ACTOR,
        comment: `delivered the new ${label} client secret ${delivered.keyId} to ${location}`,
      });
    }

    const removeAfter = new Date(
      this.options.now() + this.options.gracePeriodMs,
    );
    const replaced = await scheduleReplacedSecrets(this.options, {
      requestId: request.id,
      objectId,
      keyId: delivered.keyId,
      removeAfter,
    });
    return store.transition(request.id, {
      from: ['provisioning'],
      to: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment: `${label} client secret rotated; ${replaced} earlier secrets are removed after ${removeAfter.toISOString()}`,
      leaseOwner,
    });
  }
}
