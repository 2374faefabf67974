import type { SecretExpiryStatus } from '@camunda-entra/plugin-camunda-entra-common';
import type { StatusTone } from '../StatusChip';

/** The palette a secret's expiry status is drawn in, wherever it is shown. */
export const EXPIRY_TONES: Record<SecretExpiryStatus, StatusTone> = {
  ok: 'success',
  expiring: 'warning',
  critical: 'error',
  expired: 'error',
};
