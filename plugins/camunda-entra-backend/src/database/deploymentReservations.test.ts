import { mockServices } from '@backstage/backend-test-utils';
import { newRequest, testSpec } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { NewRequest } from './RequestStore';

const databases = createTestDatabases();

const TENANT = '6F1C2F43-0000-4000-8000-000000000001';
const PAYMENTS = 'group:default/payments-team';
const BILLING = 'group:default/billing-team';

describe.each(databases.eachSupportedId())(
  'deployment names in the DatabaseRequestStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      });
    }

    /** The record of the name the requests below ask for. */
    const paymentsIn = (store: DatabaseRequestStore) =>
      store.getDeployment({ name: 'payments', tenantId: TENANT });

    /** A new request for `name` that reserves it for `owner`. */
    const reserving = (
      owner: string,
      overrides: Partial<NewRequest> = {},
    ): NewRequest =>
      newRequest({
        spec: testSpec({
          name: 'payments',
          namespace: 'payments-camunda',
          tenant: { id: TENANT },
        }),
        entityRef: `component:default/camunda-payments-${owner.length}`,
        reserve: { owner },
        ...overrides,
      });

    it('reserves a name with its first request, and refuses another team’s request for it naming the holder, storing nothing of it', async () => {
      const store = await createStore();
      const first = await store.create(reserving(PAYMENTS));
      const second = reserving(BILLING, { entityRef: 'component:default/x' });

      await expect(store.create(second)).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          `reserved in this tenant by request ${first.id} for ${PAYMENTS}`,
        ),
      });
      await expect(store.get(second.id)).resolves.toBeUndefined();
      await expect(
        store.getDeployment({
          name: 'payments',
          tenantId: TENANT.toLowerCase(),
        }),
      ).resolves.toEqual({
        tenantId: TENANT.toLowerCase(),
        deployment: 'payments',
        owner: PAYMENTS,
        entityRef: first.entityRef,
        namespace: 'payments-camunda',
        requestId: first.id,
        registered: false,
      });
    });

    it('gives a name to exactly one of many requests made at once', async () => {
      const store = await createStore();
      const requests = Array.from({ length: 8 }, (_, i) =>
        reserving(`group:default/team-${i}`, {
          entityRef: `component:default/camunda-payments-${i}`,
        }),
      );

      const results = await Promise.allSettled(
        requests.map(request => store.create(request)),
      );

      const created = results.flatMap(r =>
        r.status === 'fulfilled' ? [r.value] : [],
      );
      expect(created).toHaveLength(1);
      const refusals = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason] : [],
      );
      expect(refusals).toHaveLength(requests.length - 1);
      for (const refusal of refusals) {
        expect(refusal).toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(`request ${created[0].id}`),
        });
      }
      expect((await store.list({})).map(r => r.id)).toEqual([created[0].id]);
      expect((await paymentsIn(store))?.requestId).toBe(created[0].id);
    });

    it('releases the name when its request is rejected or fails before anything was registered, and a retry takes it again', async () => {
      const store = await createStore();
      const rejected = await store.create(reserving(PAYMENTS));
      await store.transition(rejected.id, {
        from: ['pending'],
        to: 'rejected',
        actor: 'user:default/pat',
      });
      await expect(paymentsIn(store)).resolves.toBeUndefined();

      const failed = await store.create(
        reserving(BILLING, { events: [{ state: 'provisioning', actor: 'x' }] }),
      );
      await store.transition(failed.id, {
        from: ['provisioning'],
        to: 'failed',
        actor: 'plugin:camunda-entra',
      });
      await expect(paymentsIn(store)).resolves.toBeUndefined();

      await store.transition(failed.id, {
        from: ['failed'],
        to: 'approved',
        actor: 'user:default/pat',
        reserve: { owner: BILLING },
      });
      expect(await paymentsIn(store)).toMatchObject({
        requestId: failed.id,
        owner: BILLING,
      });
    });

    it('keeps the name of a request that failed after registering began', async () => {
      const store = await createStore();
      const request = await store.create(
        reserving(PAYMENTS, {
          events: [{ state: 'provisioning', actor: 'x' }],
        }),
      );
      await store.beginRegistration(request.id);
      await store.transition(request.id, {
        from: ['provisioning'],
        to: 'failed',
        actor: 'plugin:camunda-entra',
      });

      expect(await paymentsIn(store)).toMatchObject({
        requestId: request.id,
        registered: true,
      });
      const another = reserving(BILLING, {
        entityRef: 'component:default/x',
      });
      await expect(store.create(another)).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('is registered in this tenant'),
      });
    });

    it('refuses to begin registering for a request that does not hold the name', async () => {
      const store = await createStore();
      await store.create(reserving(PAYMENTS));
      const unreserved = await store.create(
        reserving(BILLING, { reserve: undefined }),
      );

      await expect(
        store.beginRegistration(unreserved.id),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await paymentsIn(store)).toMatchObject({ registered: false });
    });

    it('records one deployment name per entity, found case-insensitively', async () => {
      const store = await createStore();
      const entityRef = 'component:default/Camunda-Payments';
      await store.create(reserving(PAYMENTS, { entityRef }));

      await expect(
        store.create(
          reserving(PAYMENTS, {
            entityRef: entityRef.toLowerCase(),
            spec: testSpec({
              name: 'orders',
              namespace: 'orders',
              tenant: { id: TENANT },
            }),
          }),
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining('one entity describes one deployment'),
      });
      expect(
        (
          await store.getDeploymentOfEntity(
            'COMPONENT:default/camunda-payments',
          )
        )?.deployment,
      ).toBe('payments');
    });

    it('moves ownership only from the owner the transfer names', async () => {
      const store = await createStore();
      await store.create(reserving(PAYMENTS));
      const deployment = { name: 'payments', tenantId: TENANT };

      await expect(
        store.transferOwnership(deployment, {
          from: 'group:default/someone-else',
          to: BILLING,
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(`owned by ${PAYMENTS} now`),
      });
      await store.transferOwnership(deployment, {
        from: PAYMENTS,
        to: BILLING,
      });
      // Carried out again after an interruption: already done.
      await store.transferOwnership(deployment, {
        from: PAYMENTS,
        to: BILLING,
      });

      expect((await store.getDeployment(deployment))?.owner).toBe(BILLING);
    });
  },
);
