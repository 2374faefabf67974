import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases the store tests run on: SQLite always, PostgreSQL 15 when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING points at a server
 * (e.g. postgresql://postgres@127.0.0.1:5432/test). Docker is never started.
 */
export function createTestDatabases(): TestDatabases {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
    ids.push('POSTGRES_15');
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
