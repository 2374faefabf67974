import { Knex } from 'knex';

/**
 * Who holds a lease and for how long it lasts from each claim or renewal.
 */
export interface LeaseTerms {
  /** The backend instance's random ID. */
  owner: string;
  durationMs: number;
}

/** Narrows a query on the table to the rows that are work to do. */
type Candidates = (query: Knex.QueryBuilder) => Knex.QueryBuilder;

/**
 * Leases on rows of one table (columns `lease_owner`, `lease_expires_at`), taken with
 * conditional updates: an update that only matches a row whose lease is free or expired, and
 * that still is work to do, succeeds for exactly one instance, on SQLite as on PostgreSQL
 * (which re-checks the condition of an update that waited for a concurrent one).
 */
export class RowLeases<Key extends Record<string, string>> {
  static create<K extends Record<string, string>>(options: {
    db: Knex;
    table: string;
    keyColumns: Array<keyof K & string>;
  }): RowLeases<K> {
    return new RowLeases<K>(options.db, options.table, options.keyColumns);
  }

  private constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly keyColumns: Array<keyof Key & string>,
  ) {}

  /**
   * Takes up to `limit` of the rows `candidates` selects whose lease is free or expired, in the
   * order `candidates` gives, and returns them as they were read before the claim.
   */
  async claim<Row extends Key>(
    candidates: Candidates,
    terms: LeaseTerms,
    limit: number,
  ): Promise<Row[]> {
    if (limit < 1) {
      return [];
    }
    const now = new Date();
    // More than needed, since other instances may win some of them meanwhile.
    const rows: Row[] = await candidates(this.db(this.table))
      .where(free(now))
      .limit(limit * 4);
    const claimed: Row[] = [];
    for (const row of rows) {
      if (claimed.length >= limit) {
        break;
      }
      const updated = await candidates(this.db(this.table))
        .where(this.keyOf(row))
        .where(free(now))
        .update(leaseColumns(terms, now));
      if (updated === 1) {
        claimed.push(row);
      }
    }
    return claimed;
  }

  /** Extends a lease the owner still holds; false when it was lost to another instance. */
  async renew(key: Key, terms: LeaseTerms): Promise<boolean> {
    const updated = await this.db(this.table)
      .where(key)
      .where('lease_owner', terms.owner)
      .update(leaseColumns(terms, new Date()));
    return updated === 1;
  }

  /** Frees a lease the owner holds, so the row can be taken at once. */
  async release(key: Key, owner: string): Promise<void> {
    await this.db(this.table)
      .where(key)
      .where('lease_owner', owner)
      .update({ lease_owner: null, lease_expires_at: null });
  }

  private keyOf(row: Key): Record<string, string> {
    return Object.fromEntries(
      this.keyColumns.map(column => [column, row[column]]),
    );
  }
}

function free(now: Date) {
  return (query: Knex.QueryBuilder) =>
    query.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', now);
}

function leaseColumns(terms: LeaseTerms, now: Date) {
  return {
    lease_owner: terms.owner,
    lease_expires_at: new Date(now.getTime() + terms.durationMs),
  };
}
