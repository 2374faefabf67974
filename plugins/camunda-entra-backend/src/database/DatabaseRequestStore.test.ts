import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { newRequest } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { NewRequest } from './RequestStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseRequestStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('creates a request with its initial history and reads it back', async () => {
      const { store } = await createStore();

      const created = await store.create(
        newRequest({
          entityRef: 'component:default/payments',
          environment: 'development',
          events: [
            {
              state: 'pending',
              actor: 'user:default/alice',
              comment: 'please',
            },
            {
              state: 'approved',
              actor: 'plugin:camunda-entra',
              comment: 'rule',
            },
          ],
        }),
      );

      expect(created).toEqual({
        id: expect.any(String),
        kind: 'provision',
        state: 'approved',
        spec: { name: 'payments' },
        plan: expect.objectContaining({ secretLifetimeDays: 180 }),
        requester: 'user:default/alice',
        entityRef: 'component:default/payments',
        environment: 'development',
        clients: {},
        objectIds: {},
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        updatedAt: created.createdAt,
        history: [
          {
            state: 'pending',
            actor: 'user:default/alice',
            comment: 'please',
            at: created.createdAt,
          },
          {
            state: 'approved',
            actor: 'plugin:camunda-entra',
            comment: 'rule',
            at: created.createdAt,
          },
        ],
      });
      await expect(store.get(created.id)).resolves.toEqual(created);
      await expect(store.get('missing')).resolves.toBeUndefined();
    });

    it('lists newest first and filters by state and kind', async () => {
      const { store } = await createStore();
      const first = await store.create(newRequest());
      await new Promise(resolve => setTimeout(resolve, 5));
      const second = await store.create(
        newRequest({ events: [{ state: 'approved', actor: 'x' }] }),
      );

      const all = await store.list({});
      expect(all.map(r => r.id)).toEqual([second.id, first.id]);
      expect(all[0].history).toHaveLength(1);
      expect((await store.list({ state: 'pending' })).map(r => r.id)).toEqual([
        first.id,
      ]);
      await expect(store.list({ kind: 'rotate' })).resolves.toEqual([]);
    });

    it('transitions only from the expected states and appends to the history', async () => {
      const { store } = await createStore();
      const { id } = await store.create(newRequest());

      const failed = await store.transition(id, {
        from: ['pending'],
        to: 'failed',
        actor: 'plugin:camunda-entra',
        failureReason: 'Graph said no',
      });
      expect(failed.state).toBe('failed');
      expect(failed.failureReason).toBe('Graph said no');

      await expect(
        store.transition(id, {
          from: ['pending'],
          to: 'approved',
          actor: 'bob',
        }),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.transition('missing', {
          from: ['pending'],
          to: 'approved',
          actor: 'b',
        }),
      ).rejects.toThrow(NotFoundError);

      const retried = await store.transition(id, {
        from: ['failed'],
        to: 'approved',
        actor: 'bob',
        comment: 'retry',
      });
      expect(retried.failureReason).toBeUndefined();
      expect(retried.history.map(e => [e.state, e.actor, e.comment])).toEqual([
        ['pending', 'user:default/alice', undefined],
        ['failed', 'plugin:camunda-entra', undefined],
        ['approved', 'bob', 'retry'],
      ]);
    });

    it('records progress events, applications and delivered secrets', async () => {
      const { store } = await createStore();
      const { id } = await store.create(newRequest());

      await store.addEvent(id, {
        actor: 'plugin:camunda-entra',
        comment: 'registering',
      });
      await store.recordApplications(id, {
        clients: { optimize: 'app-1' },
        objectIds: { optimize: 'obj-1' },
      });
      await store.recordSecrets(id, {
        secrets: {
          optimize: { keyId: 'key-1', endDateTime: '2030-01-01T00:00:00Z' },
        },
        location: 'Secret payments/entra-credentials',
      });

      const request = await store.get(id);
      expect(request).toMatchObject({
        state: 'pending',
        clients: { optimize: 'app-1' },
        objectIds: { optimize: 'obj-1' },
        secrets: { optimize: { keyId: 'key-1' } },
        secretLocation: 'Secret payments/entra-credentials',
      });
      expect(request?.history[1]).toMatchObject({
        state: 'pending',
        comment: 'registering',
      });
      await expect(
        store.recordApplications('missing', { clients: {}, objectIds: {} }),
      ).rejects.toThrow(NotFoundError);
    });

    it('finds the newest provisioned registration of a deployment by name and tenant', async () => {
      const { store } = await createStore();
      const provisioned = async (overrides: Partial<NewRequest>) => {
        const request = await store.create(
          newRequest({
            events: [{ state: 'provisioned', actor: 'x' }],
            ...overrides,
          }),
        );
        await new Promise(resolve => setTimeout(resolve, 5));
        return request;
      };
      const tenantA = { name: 'payments', tenant: { id: 'Tenant-A' } };
      await provisioned({ spec: tenantA });
      const newer = await provisioned({ spec: tenantA });
      const inTenantB = await provisioned({
        spec: { name: 'payments', tenant: { id: 'tenant-b' } },
      });
      await provisioned({
        spec: { name: 'orders', tenant: { id: 'tenant-a' } },
      });
      await provisioned({ spec: tenantA, kind: 'rotate' });
      await store.create(newRequest({ spec: tenantA }));

      const found = await store.findProvisioned({
        name: 'payments',
        tenantId: 'TENANT-A',
      });
      expect(found?.id).toBe(newer.id);
      expect(found?.history).toHaveLength(1);
      await expect(
        store.findProvisioned({ name: 'payments', tenantId: 'tenant-b' }),
      ).resolves.toMatchObject({ id: inTenantB.id });
      await expect(
        store.findProvisioned({ name: 'payments' }),
      ).resolves.toMatchObject({ id: inTenantB.id });
      await expect(
        store.findProvisioned({ name: 'payments', tenantId: 'tenant-c' }),
      ).resolves.toBeUndefined();
      await expect(
        store.findProvisioned({ name: 'billing' }),
      ).resolves.toBeUndefined();
    });

    it('finds requests stored before their deployment was a column', async () => {
      const { knex, store } = await createStore();
      const directory = require('path').resolve(__dirname, '../../migrations');
      await knex.migrate.down({
        directory,
        name: '20251201120000_requests_by_deployment.js',
      });
      const now = new Date();
      await knex('camunda_entra_requests').insert({
        id: 'r-old',
        kind: 'provision',
        state: 'provisioned',
        spec: JSON.stringify({ name: 'payments', tenant: { id: 'Tenant-A' } }),
        plan: '{}',
        requester: 'user:default/alice',
        clients: '{}',
        object_ids: '{}',
        created_at: now,
        updated_at: now,
      });

      await knex.migrate.latest({ directory });

      await expect(
        store.findProvisioned({ name: 'payments', tenantId: 'tenant-a' }),
      ).resolves.toMatchObject({ id: 'r-old' });
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore();
      const directory = require('path').resolve(__dirname, '../../migrations');

      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('camunda_entra_requests')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('camunda_entra_request_events')).toBe(
        true,
      );
    });
  },
);
