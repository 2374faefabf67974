import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';
import { LeaseTerms, RowLeases } from './RowLeases';

const TABLE = 'camunda_entra_secret_removals';

type Timestamp = Date | string | number;

interface RemovalRow {
  object_id: string;
  key_id: string;
  request_id: string;
  remove_after: Timestamp;
  removed_at: Timestamp | null;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
}

type RemovalKey = { object_id: string; key_id: string };

/**
 * A client secret a rotation replaced, to be removed from Entra once its grace period ends.
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
 * another replica still removes them.
 */
export class SecretRemovalStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<SecretRemovalStore> {
    return new SecretRemovalStore(await migratedClient(options.database));
  }

  private readonly leases: RowLeases<RemovalKey>;

  private constructor(private readonly db: Knex) {
    this.leases = RowLeases.create({
      db,
      table: TABLE,
      keyColumns: ['object_id', 'key_id'],
    });
  }

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
          lease_owner: null,
          lease_expires_at: null,
        })),
      )
      .onConflict(['object_id', 'key_id'])
      .ignore();
  }

  /**
   * Leases up to `limit` removals not yet done whose grace period has ended at `now` and that no
   * other instance holds, oldest first.
   */
  async claimDue(
    now: Date,
    terms: LeaseTerms,
    limit: number,
  ): Promise<SecretRemoval[]> {
    const rows = await this.leases.claim<RemovalRow>(
      query =>
        query
          .whereNull('removed_at')
          .where('remove_after', '<=', now)
          .orderBy('remove_after', 'asc'),
      terms,
      limit,
    );
    return rows.map(row => ({
      requestId: row.request_id,
      objectId: row.object_id,
      keyId: row.key_id,
      removeAfter: new Date(row.remove_after),
    }));
  }

  /** False when the lease was lost to another instance. */
  async renewLease(removal: SecretRemoval, terms: LeaseTerms) {
    return this.leases.renew(keyOf(removal), terms);
  }

  /** Records the removal done, unless `owner` lost the lease meanwhile; and frees it. */
  async markRemoved(
    removal: SecretRemoval,
    at: Date,
    owner: string,
  ): Promise<void> {
    await this.finish(removal, owner, { removed_at: at, last_error: null });
  }

  /**
   * Keeps the removal due, with why it failed. Its lease is left to expire, so that it is tried
   * again in a later run, not at once.
   */
  async markFailed(
    removal: SecretRemoval,
    error: string,
    owner: string,
  ): Promise<void> {
    await this.leased(removal, owner).update({ last_error: error });
  }

  private async finish(
    removal: SecretRemoval,
    owner: string,
    values: Partial<RemovalRow>,
  ) {
    await this.leased(removal, owner).update({
      ...values,
      lease_owner: null,
      lease_expires_at: null,
    });
  }

  private leased(removal: SecretRemoval, owner: string) {
    return this.db<RemovalRow>(TABLE)
      .where(keyOf(removal))
      .where('lease_owner', owner);
  }
}

function keyOf(removal: SecretRemoval): RemovalKey {
  return { object_id: removal.objectId, key_id: removal.keyId };
}
