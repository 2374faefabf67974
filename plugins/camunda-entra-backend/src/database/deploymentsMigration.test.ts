import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { cp, mkdtemp, readdir, rm } from 'fs/promises';
import { tmpdir } from 'os';
import path from 'path';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';

const databases = createTestDatabases();
const MIGRATION = '20261207120000_deployments.js';
const TENANT = '6f1c2f43-0000-4000-8000-000000000001';

describe.each(databases.eachSupportedId())(
  'the deployments migration on %s',
  databaseId => {
    let earlier: string;

    beforeAll(async () => {
      // The migrations before this one, to hold the requests of a portal that predates it.
      const all = resolvePackagePath(
        '@camunda-entra/plugin-camunda-entra-backend',
        'migrations',
      );
      earlier = await mkdtemp(path.join(tmpdir(), 'camunda-migrations-'));
      for (const file of await readdir(all)) {
        if (file < MIGRATION) {
          await cp(path.join(all, file), path.join(earlier, file));
        }
      }
    });
    afterAll(() => rm(earlier, { recursive: true, force: true }));

    it('records provisioned names as registered without owner, and reserves names whose first request is under way', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: earlier });
      let minute = 0;
      const request = (
        id: string,
        state: string,
        name: string,
        entityRef: string | null,
      ) => ({
        id,
        kind: 'provision',
        state,
        spec: JSON.stringify({ name, namespace: `${id}-ns` }),
        plan: '{}',
        requester: 'user:default/alice',
        entity_ref: entityRef,
        clients: '{}',
        object_ids: '{}',
        deployment: name,
        tenant_id: TENANT,
        created_at: new Date(Date.UTC(2026, 0, 1, 0, minute++)),
        updated_at: new Date(),
      });
      await knex('camunda_entra_requests').insert([
        request('old-pending', 'pending', 'payments', null),
        request('first', 'provisioned', 'payments', 'Component:default/P'),
        request('again', 'provisioned', 'payments', 'Component:default/P'),
        request('orders', 'approved', 'orders', 'component:default/o'),
        request('rejected', 'rejected', 'billing', null),
        request('twin', 'provisioned', 'twin', 'component:default/p'),
      ]);

      const store = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      });

      const record = (name: string) =>
        store.getDeployment({ name, tenantId: TENANT });
      expect(await record('payments')).toEqual({
        tenantId: TENANT,
        deployment: 'payments',
        entityRef: 'component:default/p',
        namespace: 'first-ns',
        requestId: 'first',
        registered: true,
      });
      expect(await record('orders')).toMatchObject({
        requestId: 'orders',
        registered: false,
      });
      expect(await record('billing')).toBeUndefined();
      // One entity describes one deployment: the later name keeps none.
      expect(await record('twin')).toMatchObject({
        requestId: 'twin',
        registered: true,
      });
      expect((await record('twin'))?.entityRef).toBeUndefined();
      await knex.destroy();
    });
  },
);
