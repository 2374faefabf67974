import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDirectory = resolvePackagePath(
  '@camunda-entra/plugin-camunda-entra-backend',
  'migrations',
);

// One run per database client, however many stores open it.
const migrated = new WeakMap<Knex, Promise<void>>();

/**
 * The plugin's database client with every table of its stores in place: the one entry to the
 * plugin's migrations, so that no store relies on another having been created first. A backend
 * that manages migrations itself (`migrations.skip`) gets the client as it is.
 */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (database.migrations?.skip) {
    return knex;
  }
  let run = migrated.get(knex);
  if (!run) {
    run = knex.migrate
      .latest({ directory: migrationsDirectory })
      .then(() => undefined);
    migrated.set(knex, run);
    // A failed run is not remembered: the next store to open the database tries again.
    run.catch(() => migrated.delete(knex));
  }
  await run;
  return knex;
}
