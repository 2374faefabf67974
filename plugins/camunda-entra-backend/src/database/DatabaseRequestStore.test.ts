import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { newRequest, testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { Knex } from 'knex';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { NewRequest } from './RequestStore';
import { specOf } from './storedSpec';

const databases = createTestDatabases();
const TENANT_A = '6f1c2f43-0000-4000-8000-0000000000aa';
const TENANT_B = '6f1c2f43-0000-4000-8000-0000000000bb';
const TENANT_C = '6f1c2f43-0000-4000-8000-0000000000cc';

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
        spec: testSpec(),
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
      const tenantA = testSpec({ tenant: { id: TENANT_A.toUpperCase() } });
      await provisioned({ spec: tenantA });
      const newer = await provisioned({ spec: tenantA });
      const inTenantB = await provisioned({
        spec: testSpec({ tenant: { id: TENANT_B } }),
      });
      await provisioned({
        spec: testSpec({ name: 'orders', tenant: { id: TENANT_A } }),
      });
      await provisioned({ spec: tenantA, kind: 'rotate' });
      await store.create(newRequest({ spec: tenantA }));

      const found = await store.findProvisioned({
        name: 'payments',
        tenantId: TENANT_A,
      });
      expect(found?.id).toBe(newer.id);
      expect(found?.history).toHaveLength(1);
      await expect(
        store.findProvisioned({ name: 'payments', tenantId: TENANT_B }),
      ).resolves.toMatchObject({ id: inTenantB.id });
      await expect(
        store.findProvisioned({ name: 'payments' }),
      ).resolves.toMatchObject({ id: inTenantB.id });
      await expect(
        store.findProvisioned({ name: 'payments', tenantId: TENANT_C }),
      ).resolves.toBeUndefined();
      await expect(
        store.findProvisioned({ name: 'billing' }),
      ).resolves.toBeUndefined();
    });

    /** A request row as an earlier release stored it: the spec as submitted, unparsed. */
    async function storeAsEarlierRelease(
      knex: Knex,
      id: string,
      spec: Record<string, unknown>,
    ) {
      const now = new Date();
      await knex('camunda_entra_requests').insert({
        id,
        kind: 'provision',
        state: 'provisioned',
        spec: JSON.stringify(spec),
        plan: '{}',
        requester: 'user:default/alice',
        deployment: spec.name,
        tenant_id: TENANT_A,
        clients: '{}',
        object_ids: '{}',
        created_at: now,
        updated_at: now,
      });
    }

    const SUBMITTED = {
      name: 'payments',
      namespace: 'payments',
      chart: '8.8',
      tenant: { id: TENANT_A },
      components: { orchestration: { url: 'https://payments.example.com' } },
      admins: ['alice@example.com'],
    };

    it('reads a stored spec back parsed, with the defaults an earlier release did not store', async () => {
      const { knex, store } = await createStore();
      await storeAsEarlierRelease(knex, 'r-submitted', SUBMITTED);
      const created = await store.create(
        newRequest({ spec: testSpec({ tenant: { id: TENANT_A } }) }),
      );

      const earlier = await store.get('r-submitted');
      expect(earlier?.spec).toEqual(testSpec({ tenant: { id: TENANT_A } }));
      expect(earlier?.spec).toMatchObject({
        release: 'camunda',
        secretLifetimeDays: 180,
      });
      expect(earlier).not.toHaveProperty('specProblems');
      const again = await store.get(created.id);
      expect(again?.spec).toEqual(created.spec);
      expect(again).not.toHaveProperty('specProblems');
      expect(specOf(again!)).toEqual(created.spec);
    });

    it('reads a spec an earlier release stored that no longer validates as its problems, and refuses to act on it', async () => {
      const { knex, store } = await createStore();
      const stored = { ...SUBMITTED, chart: '8.7', preview: true };
      await storeAsEarlierRelease(knex, 'r-old', stored);

      const request = await store.findProvisioned({
        name: 'payments',
        tenantId: TENANT_A,
      });
      expect(request).toMatchObject({
        id: 'r-old',
        spec: stored,
        specProblems: [
          { field: 'chart', message: 'must be "8.8", "8.9" or "8.10"' },
          { field: 'preview', message: 'is not a known field' },
        ],
      });
      expect(() => specOf(request!)).toThrow(
        new ConflictError(
          'The spec stored with request r-old is no longer valid (chart: must be "8.8", "8.9" or "8.10"; preview: is not a known field); provision the deployment again with a spec that is',
        ),
      );
      await expect(store.beginRegistration('r-old')).rejects.toThrow(
        /^The spec stored with request r-old is no longer valid \(chart: /,
      );
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
