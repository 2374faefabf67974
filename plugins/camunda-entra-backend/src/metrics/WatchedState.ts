import type { EntraHealth } from '@camunda-entra/plugin-camunda-entra-common';

/** A client secret the portal watches, metadata only. */
export interface WatchedSecret {
  deployment: string;
  client: string;
  keyId: string;
  /** ISO 8601. */
  endDateTime: string;
}

/**
 * What the gauges export, read at each scrape from the fleet status cache: one source for
 * every replica, so each exports the same series.
 */
export interface WatchedState {
  listWatchedSecrets(): Promise<WatchedSecret[]>;
  listHealth(): Promise<
    Array<{ deployment: string; health: EntraHealth | 'unknown' }>
  >;
}
