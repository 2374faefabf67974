import { mockServices } from '@backstage/backend-test-utils';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migratedClient } from './migratedClient';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'migratedClient on %s',
  databaseId => {
    it('brings every table of the plugin once, however many stores open the database at once', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const clients = await Promise.all([
        migratedClient(database),
        migratedClient(database),
        migratedClient(database),
      ]);

      expect(new Set(clients)).toEqual(new Set([knex]));
      // Concurrent runs would have failed on knex's migration lock; each migration ran once.
      const ran = await knex('knex_migrations').select('name');
      expect(ran.map(row => row.name).sort()).toEqual(
        (await readdir(resolve(__dirname, '../../migrations'))).sort(),
      );
      for (const table of [
        'camunda_entra_requests',
        'camunda_entra_request_events',
        'camunda_entra_deployments',
        'camunda_entra_secret_removals',
        'camunda_entra_secret_notifications',
        'camunda_entra_verifications',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(true);
      }
    });

    it('leaves the schema alone when the backend manages migrations itself', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: true },
      });

      await migratedClient(database);

      expect(await knex.schema.hasTable('camunda_entra_requests')).toBe(false);
    });
  },
);
