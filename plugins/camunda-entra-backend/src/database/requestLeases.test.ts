import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { RequestState } from '@camunda-entra/plugin-camunda-entra-common';
import { newRequest } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';

const databases = createTestDatabases();

const A = { owner: 'instance-a', durationMs: 60_000 };
const B = { owner: 'instance-b', durationMs: 60_000 };

describe.each(databases.eachSupportedId())(
  'request leases on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseRequestStore.create({
        database: mockServices.database({ knex }),
      });
    }

    async function createRequest(
      store: DatabaseRequestStore,
      state: RequestState,
    ) {
      const request = await store.create(
        newRequest({ events: [{ state, actor: 'user:default/alice' }] }),
      );
      return request.id;
    }

    it('gives each approved or provisioning request to one instance, oldest first', async () => {
      const store = await createStore();
      await createRequest(store, 'pending');
      const approved = await createRequest(store, 'approved');
      const interrupted = await createRequest(store, 'provisioning');
      await createRequest(store, 'provisioned');
      const later = await createRequest(store, 'approved');

      await expect(store.claimWork(A, 2)).resolves.toEqual([
        approved,
        interrupted,
      ]);
      await expect(store.claimWork(B, 5)).resolves.toEqual([later]);
      await expect(store.claimWork(A, 5)).resolves.toEqual([]);
    });

    it('lets instances that claim at the same time share the requests without overlap', async () => {
      const store = await createStore();
      const ids = await Promise.all(
        Array.from({ length: 12 }, () => createRequest(store, 'approved')),
      );
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map(owner =>
          store.claimWork({ owner, durationMs: 60_000 }, 12),
        ),
      );
      const claimed = claims.flat();
      expect(claimed.sort()).toEqual([...ids].sort());
      expect(new Set(claimed).size).toBe(12);
    });

    it('hands an expired lease to another instance, after which the old owner can neither renew nor move the request on', async () => {
      const store = await createStore();
      const id = await createRequest(store, 'approved');
      const short = { owner: 'instance-a', durationMs: 1 };
      await expect(store.claimWork(short, 1)).resolves.toEqual([id]);
      await new Promise(resolve => setTimeout(resolve, 20));

      await expect(store.claimWork(B, 1)).resolves.toEqual([id]);
      await expect(store.renewLease(id, short)).resolves.toBe(false);
      await expect(
        store.transition(id, {
          from: ['approved'],
          to: 'provisioning',
          actor: 'plugin:camunda-entra',
          leaseOwner: short.owner,
        }),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.recordSecrets(id, {
          secrets: { optimize: { keyId: 'k', endDateTime: 'e' } },
          location: 'somewhere',
          leaseOwner: short.owner,
        }),
      ).rejects.toThrow(ConflictError);
      await store.releaseLease(id, short.owner);

      const moved = await store.transition(id, {
        from: ['approved'],
        to: 'provisioning',
        actor: 'plugin:camunda-entra',
        leaseOwner: B.owner,
      });
      expect(moved.state).toBe('provisioning');
      expect(moved.secrets).toBeUndefined();
      await expect(store.renewLease(id, B)).resolves.toBe(true);
      await expect(store.claimWork(A, 1)).resolves.toEqual([]);
    });

    it('frees a released lease at once, but only for its owner', async () => {
      const store = await createStore();
      const id = await createRequest(store, 'approved');
      await store.claimWork(A, 1);

      await store.releaseLease(id, B.owner);
      await expect(store.claimWork(B, 1)).resolves.toEqual([]);
      await store.releaseLease(id, A.owner);
      await expect(store.claimWork(B, 1)).resolves.toEqual([id]);
    });
  },
);
