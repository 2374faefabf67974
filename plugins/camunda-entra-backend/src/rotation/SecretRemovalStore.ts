import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const TABLE = 'camunda_entra_secret_removals';

type Timestamp = Date | string | number;

interface RemovalRow {
  object_id: string;
  key_id: string;
  request_id: string;
  remove_after: Timestamp;
  removed_at: Timestamp | null;
  last_error: string | null;
}

/**
 * A client secret a rotation replaced, to be removed from Entra once its grace period ends.
 *
 * @public
 */
export interface SecretRemoval {
  requestId: string;
  /** Application object ID. */
  objectId: string;
  keyId: string;
  removeAfter: Date;
}

/**
 * Pending removals of rotated-out secrets, kept in the database so that a restart or
 * another replica still removes them. The table comes from the plugin's migrations, which
 * DatabaseRequestStore.create applies.
 *
 * @public
 */
export class SecretRemovalStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SecretRemovalStore> {
    return new SecretRemovalStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /** Records removals; one already recorded keeps its original time. */
  async schedule(removals: SecretRemoval[]): Promise<void> {
    if (removals.length === 0) {
      return;
    }
    await this.db<RemovalRow>(TABLE)
      .insert(
        removals.map(removal => ({
          object_id: removal.objectId,
          key_id: removal.keyId,
          request_id: removal.requestId,
          remove_after: removal.removeAfter,
          removed_at: null,
          last_error: null,
        })),
      )
      .onConflict(['object_id', 'key_id'])
      .ignore();
  }

  /** Removals not yet done whose grace period has ended at `now`, oldest first. */
  async due(now: Date): Promise<SecretRemoval[]> {
    const rows = await this.db<RemovalRow>(TABLE)
      .whereNull('removed_at')
      .where('remove_after', '<=', now)
      .orderBy('remove_after', 'asc');
    return rows.map(row => ({
      requestId: row.request_id,
      objectId: row.object_id,
      keyId: row.key_id,
      removeAfter: new Date(row.remove_after),
    }));
  }

  async markRemoved(removal: SecretRemoval, at: Date): Promise<void> {
    await this.row(removal).update({ removed_at: at, last_error: null });
  }

  /** Keeps the removal due, with why it failed, for the next run. */
  async markFailed(removal: SecretRemoval, error: string): Promise<void> {
    await this.row(removal).update({ last_error: error });
  }

  private row(removal: SecretRemoval) {
    return this.db<RemovalRow>(TABLE).where({
      object_id: removal.objectId,
      key_id: removal.keyId,
    });
  }
}
