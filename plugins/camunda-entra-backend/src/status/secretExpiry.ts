import { SecretExpiryStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { SecretExpiryThresholds } from '../config';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How close a secret is to its end date. `daysLeft` counts whole days, so a secret is
 * critical exactly when fewer than `criticalDays` whole days are left.
 */
export function secretExpiry(
  endDateTime: string,
  now: number,
  thresholds: SecretExpiryThresholds,
): { daysLeft: number; status: SecretExpiryStatus } {
  const remaining = Date.parse(endDateTime) - now;
  const daysLeft = Math.floor(remaining / DAY_MS);
  let status: SecretExpiryStatus = 'ok';
  if (remaining <= 0) {
    status = 'expired';
  } else if (daysLeft < thresholds.criticalDays) {
    status = 'critical';
  } else if (daysLeft < thresholds.warningDays) {
    status = 'expiring';
  }
  return { daysLeft, status };
}
