import { mockServices } from '@backstage/backend-test-utils';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import type { StoredRequest } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { Provisioner } from '../provisioning/Provisioner';
import { Upgrader } from '../upgrade/Upgrader';
import { Repairer } from '../repair/Repairer';
import { SecretRotator } from '../rotation/SecretRotator';
import { SecretRemovalStore } from '../database/SecretRemovalStore';
import { ProvisioningWorker } from '../worker/ProvisioningWorker';
import {
  ProvisioningDirectory,
  SecretSink,
} from '@camunda-entra/plugin-camunda-entra-node';
import type { SignInVerificationService } from '../verification/SignInVerificationService';

/**
 * The provisioning stack of one backend instance on `knex`, wired as the plugin does, with a
 * short lease (renewed every third) and a quick poll.
 */
export async function provisioningInstance(options: {
  knex: Knex;
  directory: ProvisioningDirectory;
  sink: SecretSink;
  leaseMs: number;
  concurrency?: number;
  verifier?: Pick<SignInVerificationService, 'verifyProvisioned'>;
  onSettled?: (request: StoredRequest) => Promise<void>;
}) {
  const { knex, directory, sink, leaseMs } = options;
  const database = mockServices.database({ knex });
  const store = await DatabaseRequestStore.create({ database });
  const components = {
    directory,
    sink,
    store,
    removals: await SecretRemovalStore.create({ database }),
    gracePeriodMs: 0,
  };
  const instanceId = `instance-${randomUUID()}`;
  const worker = ProvisioningWorker.create({
    store,
    provisioner: Provisioner.create(components),
    rotator: SecretRotator.create(components),
    repairer: Repairer.create(components),
    upgrader: Upgrader.create(components),
    notifier: RequestNotifier.create({
      notifications: { send: async () => {} },
      approvers: [],
      logger: mockServices.logger.mock(),
    }),
    verifier: options.verifier,
    onSettled: options.onSettled,
    logger: mockServices.logger.mock(),
    instanceId,
    settings: {
      leaseMs,
      leaseRenewalMs: leaseMs / 3,
      pollIntervalMs: 50,
      concurrency: options.concurrency ?? 2,
    },
    // A hung call ends nothing: stopping must not wait for it.
    stopGraceMs: 0,
  });
  return { store, worker, instanceId };
}
