import { mockServices } from '@backstage/backend-test-utils';
import { newRequest } from '../__testUtils__/requests';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from './DatabaseRequestStore';
import { SecretRemovalStore } from './SecretRemovalStore';

const databases = createTestDatabases();
const A = { owner: 'instance-a', durationMs: 60_000 };
const B = { owner: 'instance-b', durationMs: 60_000 };

describe.each(databases.eachSupportedId())(
  'SecretRemovalStore leases on %s',
  databaseId => {
    async function setup() {
      const database = mockServices.database({
        knex: await databases.init(databaseId),
      });
      const store = await DatabaseRequestStore.create({ database });
      const { id } = await store.create(newRequest());
      const removals = await SecretRemovalStore.create({ database });
      const at = (minutes: number) =>
        new Date(Date.UTC(2026, 0, 1, 0, minutes));
      await removals.schedule(
        ['k1', 'k2', 'k3'].map((keyId, i) => ({
          requestId: id,
          objectId: 'app',
          keyId,
          removeAfter: at(i),
        })),
      );
      return { removals, at };
    }

    it('hands each due removal to one instance, oldest first, and none that is not due', async () => {
      const { removals, at } = await setup();

      const [a, b] = await Promise.all([
        removals.claimDue(at(1), A, 1),
        removals.claimDue(at(1), B, 1),
      ]);
      expect([...a, ...b].map(r => r.keyId).sort()).toEqual(['k1', 'k2']);
      await expect(removals.claimDue(at(1), A, 5)).resolves.toEqual([]);
      expect(
        (await removals.claimDue(at(2), A, 5)).map(removal => removal.keyId),
      ).toEqual(['k3']);
    });

    it('lets only the owner finish a removal, and a failed one waits for its lease to expire', async () => {
      const { removals, at } = await setup();
      const [first] = await removals.claimDue(at(0), A, 1);

      await removals.markRemoved(first, at(5), B.owner);
      await removals.markFailed(first, 'Graph said no', A.owner);
      await expect(removals.claimDue(at(0), B, 1)).resolves.toEqual([]);

      const short = { owner: 'instance-a', durationMs: 1 };
      await removals.renewLease(first, short);
      await new Promise(resolve => setTimeout(resolve, 20));
      const [again] = await removals.claimDue(at(0), B, 1);
      expect(again).toMatchObject({ keyId: 'k1' });
      await expect(removals.renewLease(first, A)).resolves.toBe(false);
      await removals.markRemoved(again, at(5), B.owner);
      await expect(removals.claimDue(at(0), A, 1)).resolves.toEqual([]);
    });
  },
);
