import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ChartLine,
  ComponentEntraStatus,
  EntraHealth,
  FleetDeployment,
  FleetSortKey,
} from '@camunda-entra/plugin-camunda-entra-common';
import { Knex } from 'knex';
import { DEPLOYMENTS } from './deploymentRecords';
import { migratedClient } from './migratedClient';

const STATUS = 'camunda_entra_fleet_status';
const SECRETS = 'camunda_entra_fleet_secrets';
const REQUESTS = 'camunda_entra_requests';
const VERIFICATIONS = 'camunda_entra_verifications';

/** Requests not settled yet: what the fleet view counts as open. */
const OPEN_STATES = ['pending', 'approved', 'provisioning'];

/**
 * The SQL each sort key orders by. Health ranks unknown < ok < warning < error, so that
 * descending puts the broken first; a deployment without secrets has its next expiry last.
 */
const SORT_EXPRESSIONS: Record<FleetSortKey, string> = {
  deployment: 'f.deployment',
  owner: "COALESCE(d.owner, '')",
  chart: 'f.chart',
  health:
    "CASE f.health WHEN 'error' THEN 3 WHEN 'warning' THEN 2 WHEN 'ok' THEN 1 ELSE 0 END",
  driftCount: 'f.drift_count',
  nextExpiry: "COALESCE(f.next_expiry_end, '9999')",
};

/**
 * A registered deployment as the fleet view describes it, from its registration.
 */
export interface FleetEntry {
  tenantId: string;
  deployment: string;
  entityRef?: string;
  chart: ChartLine;
  namespace: string;
  environment?: string;
}

/**
 * One check of a deployment's applications: what the status endpoint computed for it.
 */
export interface FleetCheck {
  health: EntraHealth;
  /** When the directory was read (ISO 8601). */
  checkedAt: string;
  components: Array<Pick<ComponentEntraStatus, 'client' | 'drift' | 'secrets'>>;
}

/**
 * Whose deployments a caller sees: every one (approvers), or those whose recorded owner is
 * one of `owners` (entity refs, compared case-insensitively).
 */
export type FleetVisibility = { all: true } | { owners: string[] };

/**
 * One page's worth of the fleet view, decided in SQL.
 */
export interface FleetListQuery {
  health?: Array<EntraHealth | 'unknown'>;
  owner?: string;
  /** Only deployments with a secret that ends before this (ISO 8601), expired ones included. */
  expiringBefore?: string;
  /** Only deployments with a secret that ends in [from, to) (ISO 8601). */
  expiring?: { from: string; to: string };
  search?: string;
  sort: FleetSortKey;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/** A fleet row as stored: the next expiry's status depends on the time it is shown at. */
export type StoredFleetDeployment = Omit<FleetDeployment, 'nextExpiry'> & {
  tenantId: string;
  nextExpiry?: { client: string; endDateTime: string };
};

interface StatusRow {
  tenant_id: string;
  deployment: string;
  entity_ref: string | null;
  chart: string;
  namespace: string;
  environment: string | null;
  health: string;
  drift_count: number;
  checked_at: string | null;
  next_expiry_client: string | null;
  next_expiry_end: string | null;
}

interface SecretRow {
  tenant_id: string;
  deployment: string;
  client: string;
  key_id: string;
  start_date_time: string | null;
  end_date_time: string;
}

/** A deployment recorded but not checked yet. */
const UNCHECKED = {
  health: 'unknown',
  drift_count: 0,
  checked_at: null,
  next_expiry_client: null,
  next_expiry_end: null,
};

/** What a page's last row says to continue after it: [sort value, deployment, tenant]. */
type Position = [string | number, string, string];

/**
 * The fleet view's status cache (see docs/monitoring.md, "Fleet view"): the last checked state
 * of each registered deployment and its client secrets' dates. Only deployments registered in
 * camunda_entra_deployments are listed, with the owner recorded there now, so a transfer shows
 * at once and visibility is decided on the recorded owner. Open requests and the last sign-in
 * verification are read from their tables for the page shown.
 */
export class FleetStatusStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<FleetStatusStore> {
    return new FleetStatusStore(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records a deployment's description and, when given, a check of it: its health, drift and
   * secrets replace the previous ones. Without a check a new deployment is `unknown` and a
   * known one keeps its last state.
   */
  async record(entry: FleetEntry, check?: FleetCheck): Promise<void> {
    const key = {
      tenant_id: entry.tenantId.toLowerCase(),
      deployment: entry.deployment,
    };
    const described = {
      entity_ref: entry.entityRef ?? null,
      chart: entry.chart,
      namespace: entry.namespace,
      environment: entry.environment ?? null,
    };
    if (!check) {
      await this.db<StatusRow>(STATUS)
        .insert({ ...key, ...described, ...UNCHECKED })
        .onConflict(['tenant_id', 'deployment'])
        .merge(described);
      return;
    }
    const secrets: SecretRow[] = check.components.flatMap(component =>
      component.secrets.map(secret => ({
        ...key,
        client: component.client,
        key_id: secret.keyId,
        start_date_time: secret.startDateTime
          ? iso(secret.startDateTime)
          : null,
        end_date_time: iso(secret.endDateTime),
      })),
    );
    const next = secrets.reduce<SecretRow | undefined>(
      (first, secret) =>
        !first || secret.end_date_time < first.end_date_time ? secret : first,
      undefined,
    );
    const checked = {
      health: check.health,
      drift_count: check.components.reduce(
        (sum, component) => sum + component.drift.length,
        0,
      ),
      checked_at: iso(check.checkedAt),
      next_expiry_client: next?.client ?? null,
      next_expiry_end: next?.end_date_time ?? null,
    };
    await this.db.transaction(async tx => {
      await tx<StatusRow>(STATUS)
        .insert({ ...key, ...described, ...checked })
        .onConflict(['tenant_id', 'deployment'])
        .merge({ ...described, ...checked });
      await tx<SecretRow>(SECRETS).where(key).delete();
      if (secrets.length > 0) {
        await tx<SecretRow>(SECRETS).insert(secrets);
      }
    });
  }

  /**
   * One page of the deployments `visibility` allows that match the query, with the count of
   * all that match; filtered, sorted and paged (keyset, on the sort value and then deployment
   * and tenant) in SQL.
   */
  async list(
    query: FleetListQuery,
    visibility: FleetVisibility,
  ): Promise<{
    items: StoredFleetDeployment[];
    totalCount: number;
    nextCursor?: string;
  }> {
    const expression = SORT_EXPRESSIONS[query.sort];
    const direction = query.order;
    const matching = () => this.matching(query, visibility);
    const page = matching()
      .select('f.*', 'd.owner', this.db.raw(`${expression} as sort_value`))
      .orderByRaw(
        `${expression} ${direction}, f.deployment ${direction}, f.tenant_id ${direction}`,
      )
      .limit(query.limit + 1);
    if (query.cursor) {
      const [value, deployment, tenant] = decodeCursor(query.cursor, query);
      const op = direction === 'asc' ? '>' : '<';
      page.whereRaw(
        `(${expression} ${op} ? OR (${expression} = ? AND (f.deployment ${op} ? OR (f.deployment = ? AND f.tenant_id ${op} ?))))`,
        [value, value, deployment, deployment, tenant],
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      page as Promise<
        Array<StatusRow & { owner: string | null; sort_value: string | number }>
      >,
      matching().count({ count: '*' }),
    ]);
    const shown = rows.slice(0, query.limit);
    const last = shown[shown.length - 1];
    const [open, verified] = await this.pageExtras(shown);
    return {
      items: shown.map(row => {
        const at = `${row.tenant_id}/${row.deployment}`;
        return toFleetDeployment(row, open.get(at) ?? 0, verified.get(at));
      }),
      totalCount: Number(count),
      ...(rows.length > query.limit &&
        last && {
          nextCursor: encodeCursor(
            [last.sort_value, last.deployment, last.tenant_id],
            query,
          ),
        }),
    };
  }

  /** End dates (ISO 8601) of the secrets of the deployments `visibility` allows that end before `before`. */
  async secretsEndingBefore(
    before: string,
    visibility: FleetVisibility,
  ): Promise<string[]> {
    const rows: Array<{ end_date_time: string }> = await this.visible(
      this.db(`${SECRETS} as s`).join(`${DEPLOYMENTS} as d`, function on() {
        this.on('d.tenant_id', 's.tenant_id').andOn(
          'd.deployment',
          's.deployment',
        );
      }),
      visibility,
    )
      .where('s.end_date_time', '<', before)
      .select('s.end_date_time');
    return rows.map(row => row.end_date_time);
  }

  /**
   * Every client secret of the registered deployments, as last checked: what the expiry
   * metrics export (metadata only).
   */
  async listWatchedSecrets(): Promise<
    Array<{
      deployment: string;
      client: string;
      keyId: string;
      endDateTime: string;
    }>
  > {
    const rows: SecretRow[] = await this.db(`${SECRETS} as s`)
      .join(`${DEPLOYMENTS} as d`, function on() {
        this.on('d.tenant_id', 's.tenant_id').andOn(
          'd.deployment',
          's.deployment',
        );
      })
      .where('d.registered', true)
      .orderBy(['s.deployment', 's.client', 's.key_id'])
      .select('s.*');
    return rows.map(row => ({
      deployment: row.deployment,
      client: row.client,
      keyId: row.key_id,
      endDateTime: row.end_date_time,
    }));
  }

  /** The health of every registered deployment in the cache (`unknown` until checked once). */
  async listHealth(): Promise<
    Array<{ deployment: string; health: EntraHealth | 'unknown' }>
  > {
    const rows: Array<{ deployment: string; health: string }> =
      await this.registered()
        .orderBy('f.deployment')
        .select('f.deployment', 'f.health');
    return rows.map(row => ({
      deployment: row.deployment,
      health: row.health as EntraHealth | 'unknown',
    }));
  }

  private registered() {
    return this.db(`${STATUS} as f`)
      .join(`${DEPLOYMENTS} as d`, function on() {
        this.on('d.tenant_id', 'f.tenant_id').andOn(
          'd.deployment',
          'f.deployment',
        );
      })
      .where('d.registered', true);
  }

  private visible(
    query: Knex.QueryBuilder,
    visibility: FleetVisibility,
  ): Knex.QueryBuilder {
    query.where('d.registered', true);
    if ('owners' in visibility) {
      const owners = visibility.owners.map(owner => owner.toLowerCase());
      if (owners.length === 0) {
        query.whereRaw('1 = 0');
      } else {
        query.whereRaw(
          `LOWER(d.owner) IN (${owners.map(() => '?').join(', ')})`,
          owners,
        );
      }
    }
    return query;
  }

  private matching(
    query: FleetListQuery,
    visibility: FleetVisibility,
  ): Knex.QueryBuilder {
    const db = this.db;
    const matching = this.visible(this.registered(), visibility);
    if (query.health) {
      matching.whereIn('f.health', query.health);
    }
    if (query.owner) {
      matching.whereRaw('LOWER(d.owner) = ?', [query.owner.toLowerCase()]);
    }
    if (query.expiringBefore) {
      matching.where('f.next_expiry_end', '<', query.expiringBefore);
    }
    const expiring = query.expiring;
    if (expiring) {
      matching.whereExists(function ending() {
        this.select(db.raw('1'))
          .from(`${SECRETS} as s`)
          .whereRaw('s.tenant_id = f.tenant_id AND s.deployment = f.deployment')
          .where('s.end_date_time', '>=', expiring.from)
          .where('s.end_date_time', '<', expiring.to);
      });
    }
    if (query.search) {
      const pattern = `%${query.search
        .toLowerCase()
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      matching.where(search => {
        for (const column of [
          'f.deployment',
          "COALESCE(f.entity_ref, '')",
          "COALESCE(d.owner, '')",
          'f.namespace',
        ]) {
          search.orWhereRaw(`LOWER(${column}) LIKE ? ESCAPE '\\'`, [pattern]);
        }
      });
    }
    return matching;
  }

  /** Open requests and last verifications of a page's deployments, by tenant/deployment. */
  private async pageExtras(
    rows: StatusRow[],
  ): Promise<
    [Map<string, number>, Map<string, FleetDeployment['lastVerification']>]
  > {
    const names = [...new Set(rows.map(row => row.deployment))];
    if (names.length === 0) {
      return [new Map(), new Map()];
    }
    const [open, verifications] = await Promise.all([
      this.db(REQUESTS)
        .whereIn('deployment', names)
        .whereIn('state', OPEN_STATES)
        .groupBy('tenant_id', 'deployment')
        .select('tenant_id', 'deployment')
        .count({ count: '*' }) as Promise<
        Array<{ tenant_id: string; deployment: string; count: string | number }>
      >,
      this.db(VERIFICATIONS)
        .whereIn('deployment', names)
        .whereNotNull('verification')
        .select('tenant_id', 'deployment', 'verification') as Promise<
        Array<{ tenant_id: string; deployment: string; verification: string }>
      >,
    ]);
    return [
      new Map(
        open.map(row => [
          `${row.tenant_id}/${row.deployment}`,
          Number(row.count),
        ]),
      ),
      new Map(
        verifications.map(row => {
          const { verifiedAt, passed } = JSON.parse(row.verification);
          return [`${row.tenant_id}/${row.deployment}`, { verifiedAt, passed }];
        }),
      ),
    ];
  }
}

/** Graph's and the status endpoint's dates written as toISOString does, so text order is time order. */
function iso(date: string): string {
  return new Date(date).toISOString();
}

function toFleetDeployment(
  row: StatusRow & { owner: string | null },
  openRequests: number,
  lastVerification: FleetDeployment['lastVerification'],
): StoredFleetDeployment {
  return {
    tenantId: row.tenant_id,
    deployment: row.deployment,
    ...(row.entity_ref && { entityRef: row.entity_ref }),
    ...(row.owner && { owner: row.owner }),
    chart: row.chart as ChartLine,
    namespace: row.namespace,
    ...(row.environment && { environment: row.environment }),
    health: row.health as StoredFleetDeployment['health'],
    driftCount: Number(row.drift_count),
    ...(row.next_expiry_client &&
      row.next_expiry_end && {
        nextExpiry: {
          client: row.next_expiry_client,
          endDateTime: row.next_expiry_end,
        },
      }),
    ...(lastVerification && { lastVerification }),
    openRequests,
    ...(row.checked_at && { checkedAt: row.checked_at }),
  };
}

/** Opaque to clients: base64url JSON of the position and the sort it belongs to. */
function encodeCursor(
  position: Position,
  query: Pick<FleetListQuery, 'sort' | 'order'>,
): string {
  return Buffer.from(
    JSON.stringify({ after: position, sort: query.sort, order: query.order }),
  ).toString('base64url');
}

function decodeCursor(
  cursor: string,
  query: Pick<FleetListQuery, 'sort' | 'order'>,
): Position {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InputError('cursor: is not a nextCursor of this API');
  }
  const { after, sort, order } = (decoded ?? {}) as Record<string, unknown>;
  if (
    !Array.isArray(after) ||
    after.length !== 3 ||
    !['string', 'number'].includes(typeof after[0]) ||
    typeof after[1] !== 'string' ||
    typeof after[2] !== 'string'
  ) {
    throw new InputError('cursor: is not a nextCursor of this API');
  }
  if (sort !== query.sort || order !== query.order) {
    throw new InputError(
      `cursor: belongs to the sort ${sort} ${order}, not ${query.sort} ${query.order}; start again without a cursor`,
    );
  }
  return after as Position;
}
