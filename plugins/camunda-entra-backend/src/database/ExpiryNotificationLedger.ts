import { DatabaseService } from '@backstage/backend-plugin-api';
import { SecretExpiryStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { Knex } from 'knex';
import { migratedClient } from './migratedClient';

const TABLE = 'camunda_entra_secret_notifications';

/** The thresholds a secret passes on its way to expiry, in order. */
const THRESHOLDS: Array<Exclude<SecretExpiryStatus, 'ok'>> = [
  'expiring',
  'critical',
  'expired',
];

interface LedgerRow {
  key_id: string;
  threshold: string;
  app_id: string;
  notified_at: Date;
}

/**
 * Which expiry notifications were sent, per secret (keyId) and threshold, so that neither
 * later scans, restarts nor other replicas send one twice.
 */
export class ExpiryNotificationLedger {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ExpiryNotificationLedger> {
    return new ExpiryNotificationLedger(await migratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Records that a secret reached `threshold`, and so every threshold before it; true when
   * `threshold` itself is new, i.e. its notification is still to be sent. A secret first seen
   * past several thresholds is notified once, for the latest.
   */
  async claim(secret: {
    keyId: string;
    appId: string;
    threshold: Exclude<SecretExpiryStatus, 'ok'>;
  }): Promise<boolean> {
    const recorded = await this.db<LedgerRow>(TABLE)
      .where({ key_id: secret.keyId })
      .pluck('threshold');
    if (recorded.includes(secret.threshold)) {
      return false;
    }
    const passed = THRESHOLDS.slice(
      0,
      THRESHOLDS.indexOf(secret.threshold) + 1,
    ).filter(threshold => !recorded.includes(threshold));
    await this.db<LedgerRow>(TABLE)
      .insert(
        passed.map(threshold => ({
          key_id: secret.keyId,
          threshold,
          app_id: secret.appId,
          notified_at: new Date(),
        })),
      )
      .onConflict(['key_id', 'threshold'])
      .ignore();
    return true;
  }

  /** Forgets a claim whose notification could not be sent, so the next scan tries again. */
  async release(keyId: string, threshold: SecretExpiryStatus): Promise<void> {
    await this.db<LedgerRow>(TABLE)
      .where({ key_id: keyId, threshold })
      .delete();
  }

  /** Forgets secrets that no longer exist (removed, e.g. by a rotation). */
  async prune(existingKeyIds: Set<string>): Promise<void> {
    const known: string[] = await this.db<LedgerRow>(TABLE)
      .distinct('key_id')
      .pluck('key_id');
    const gone = known.filter(keyId => !existingKeyIds.has(keyId));
    for (let i = 0; i < gone.length; i += 500) {
      await this.db<LedgerRow>(TABLE)
        .whereIn('key_id', gone.slice(i, i + 500))
        .delete();
    }
  }
}
