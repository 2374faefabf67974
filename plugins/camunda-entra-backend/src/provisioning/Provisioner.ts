import {
  ENTRA_CLIENT_LABELS,
  EntraClientKey,
  planEntraApplications,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { ENTRA_SECRET_KEYS } from '@camunda-entra/plugin-camunda-entra-node';
import { PLUGIN_ACTOR } from '../actors';
import { RequestStore, StoredRequest } from '../database';
import { SecretSink } from '../sinks';
import { ProvisioningDirectory } from './ProvisioningDirectory';

const SECRET_KEYS: Partial<Record<EntraClientKey, string>> = ENTRA_SECRET_KEYS;

/**
 * Registers a request's applications and delivers their client secrets. Safe to run again on
 * a request that was interrupted at any point:
 * - registration is an upsert by uniqueName, so no application is created twice;
 * - secrets carry the request's ID as display name; until the sink write is recorded, any
 *   earlier secret of this request is removed before a new one is added, so exactly one
 *   survives and it is the one in the sink.
 *
 * @public
 */
export class Provisioner {
  static create(options: {
    directory: ProvisioningDirectory;
    sink: SecretSink;
    store: RequestStore;
  }): Provisioner {
    return new Provisioner(options.directory, options.sink, options.store);
  }

  private constructor(
    private readonly directory: ProvisioningDirectory,
    private readonly sink: SecretSink,
    private readonly store: RequestStore,
  ) {}

  /** Provisions a request in state `provisioning` and moves it to `provisioned`. */
  async provision(
    request: StoredRequest,
    signal?: AbortSignal,
  ): Promise<StoredRequest> {
    const validation = validateDeploymentSpec(request.spec);
    if (!validation.valid) {
      throw new Error(
        `The stored spec is no longer valid: ${validation.problems
          .map(problem => `${problem.field}: ${problem.message}`)
          .join('; ')}`,
      );
    }
    const spec = validation.spec;
    const applications = planEntraApplications(spec);

    const registered = await Promise.all(
      applications.map(async application => {
        const label = ENTRA_CLIENT_LABELS[application.client];
        await this.progress(request.id, `registering ${label}`);
        const result = await this.directory.registerApplication(
          spec,
          application,
          {
            source: request.entityRef ?? `camunda-entra request ${request.id}`,
          },
        );
        await this.progress(
          request.id,
          `registered ${label} (client ID ${result.appId})`,
        );
        return { application, ...result };
      }),
    );
    await this.store.recordApplications(request.id, {
      clients: Object.fromEntries(
        registered.map(r => [r.application.client, r.appId]),
      ),
      objectIds: Object.fromEntries(
        registered.map(r => [r.application.client, r.objectId]),
      ),
    });
    signal?.throwIfAborted();

    if (!request.secrets) {
      const displayName = secretDisplayName(request.id);
      const issued = await Promise.all(
        registered
          .filter(r => r.application.needsSecret)
          .map(async ({ application, objectId }) => {
            const earlier = await this.directory.listSecrets(objectId);
            for (const secret of earlier) {
              if (secret.displayName === displayName) {
                await this.directory.removeSecret(objectId, secret.keyId);
              }
            }
            const secret = await this.directory.addSecret(objectId, {
              displayName,
              lifetimeDays: spec.secretLifetimeDays,
            });
            return { client: application.client, secret };
          }),
      );
      signal?.throwIfAborted();

      const data: Record<string, string> = {};
      for (const { client, secret } of issued) {
        const key = SECRET_KEYS[client];
        if (!key) {
          throw new Error(`No secret key is defined for client ${client}`);
        }
        data[key] = secret.secretText;
      }
      const { location } = await this.sink.write(
        {
          requestId: request.id,
          deployment: spec.name,
          namespace: spec.namespace,
          secretName: spec.secrets.entra,
        },
        data,
      );
      await this.store.recordSecrets(request.id, {
        secrets: Object.fromEntries(
          issued.map(({ client, secret }) => [
            client,
            { keyId: secret.keyId, endDateTime: secret.endDateTime },
          ]),
        ),
        location,
      });
      await this.progress(
        request.id,
        `delivered ${issued.length} client secrets to ${location}`,
      );
    }

    return this.store.transition(request.id, {
      from: ['provisioning'],
      to: 'provisioned',
      actor: PLUGIN_ACTOR,
      comment: `${registered.length} Entra applications registered`,
    });
  }

  private async progress(id: string, comment: string) {
    await this.store.addEvent(id, { actor: PLUGIN_ACTOR, comment });
  }
}

/**
 * The display name of a request's client secrets in Entra; how an interrupted run finds the
 * secrets it added but never delivered.
 *
 * @public
 */
export function secretDisplayName(requestId: string): string {
  return `camunda-entra request ${requestId}`;
}
