/**
 * One backend instance with the camunda-entra plugin, for the multi-replica test and the
 * provisioning benchmark: started as a child process so that it can be killed abruptly
 * (SIGKILL leaves its leases behind, as a crashed pod does). Reads its settings as JSON from
 * CAMUNDA_ENTRA_REPLICA (see ReplicaSettings) and prints `ready <port>` once it listens.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import knexFactory from 'knex';
import type { ReplicaSettings } from '../src/__testUtils__/replicas';
import { camundaEntraPlugin } from '../src/plugin';

async function main() {
  const settings: ReplicaSettings = JSON.parse(
    process.env.CAMUNDA_ENTRA_REPLICA ?? '{}',
  );
  const knex = knexFactory({ ...settings.database, useNullAsDefault: true });
  const { server } = await startTestBackend({
    features: [
      camundaEntraPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          camundaEntra: {
            approval: { allowSelfApproval: true },
            secretSink: {
              type: 'local',
              local: { directory: settings.secretsDirectory },
            },
            directory: settings.directory,
            provisioning: settings.provisioning,
          },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  const address = server.address();
  process.stdout.write(
    `ready ${typeof address === 'object' && address ? address.port : ''}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`replica failed to start: ${error}\n`);
  process.exit(1);
});
