import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ExpiryNotificationLedger } from './ExpiryNotificationLedger';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'ExpiryNotificationLedger on %s',
  databaseId => {
    // Opened on its own: each store brings its tables (migratedClient).
    async function createLedger() {
      const database = mockServices.database({
        knex: await databases.init(databaseId),
      });
      return ExpiryNotificationLedger.create({ database });
    }
    const secret = (
      keyId: string,
      threshold: 'expiring' | 'critical' | 'expired',
    ) => ({
      keyId,
      appId: 'app-1',
      threshold,
    });

    it('claims each threshold of a secret once, earlier ones along with a later one', async () => {
      const ledger = await createLedger();

      expect(await ledger.claim(secret('k1', 'critical'))).toBe(true);
      expect(await ledger.claim(secret('k1', 'critical'))).toBe(false);
      expect(await ledger.claim(secret('k1', 'expiring'))).toBe(false);
      expect(await ledger.claim(secret('k1', 'expired'))).toBe(true);
      expect(await ledger.claim(secret('k2', 'expiring'))).toBe(true);
    });

    it('releases a claim so that it can be made again', async () => {
      const ledger = await createLedger();
      await ledger.claim(secret('k1', 'critical'));

      await ledger.release('k1', 'critical');

      expect(await ledger.claim(secret('k1', 'expiring'))).toBe(false);
      expect(await ledger.claim(secret('k1', 'critical'))).toBe(true);
    });

    it('forgets secrets that no longer exist', async () => {
      const ledger = await createLedger();
      await ledger.claim(secret('gone', 'expired'));
      await ledger.claim(secret('kept', 'expiring'));

      await ledger.prune(new Set(['kept']));

      expect(await ledger.claim(secret('gone', 'expiring'))).toBe(true);
      expect(await ledger.claim(secret('kept', 'expiring'))).toBe(false);
    });
  },
);
