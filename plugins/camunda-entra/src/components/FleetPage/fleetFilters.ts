import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EntraHealth,
  FleetQuery,
} from '@camunda-entra/plugin-camunda-entra-common';

/** A week of the expiry timeline, as the API filters by it: [from, to) in ISO dates. */
export interface ExpiryWeek {
  from: string;
  to: string;
}

/** What the fleet page's controls above the table filter by. */
export interface FleetFilters {
  health: Array<EntraHealth | 'unknown'>;
  /** As typed: a full entity ref or a group's name. */
  owner: string;
  expiringWithinDays?: number;
  week?: ExpiryWeek;
}

export const NO_FILTERS: FleetFilters = { health: [], owner: '' };

/**
 * An owner as the API compares it, a full entity ref: people type a group's name
 * ("payments-team"), the backend records `group:default/payments-team`.
 */
function ownerRef(owner: string): string | undefined {
  const typed = owner.trim();
  if (!typed) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(typed, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return typed;
  }
}

/** The filters' part of the API query; the table adds sort, search and paging. */
export function filterQuery(filters: FleetFilters): FleetQuery {
  return {
    health: filters.health.length ? filters.health : undefined,
    owner: ownerRef(filters.owner),
    expiringWithinDays: filters.expiringWithinDays,
    expiring: filters.week,
  };
}

const DAY_MS = 86_400_000;

/** The timeline week that starts on `start` (an ISO date). */
export function expiryWeek(start: string): ExpiryWeek {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 7 * DAY_MS);
  return { from: start, to: end.toISOString().slice(0, 10) };
}

const dayFormat = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** "Jan 4", for an ISO date (UTC, as the timeline's weeks are). */
export function formatDay(isoDate: string): string {
  return dayFormat.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** "Jan 4 – Jan 10": the week's first and last day. */
export function describeWeek(week: ExpiryWeek): string {
  const last = new Date(Date.parse(`${week.to}T00:00:00Z`) - DAY_MS);
  return `${formatDay(week.from)} – ${formatDay(last.toISOString())}`;
}
