import type {
  SecretCredentialStatus,
  SecretExpiryStatus,
} from '@camunda-entra/plugin-camunda-entra-common';
import { describeSecretExpiry } from '../../lib/presentation';
import { StatusChip, StatusTone } from '../StatusChip';

const EXPIRY_TONES: Record<SecretExpiryStatus, StatusTone> = {
  ok: 'success',
  expiring: 'warning',
  critical: 'error',
  expired: 'error',
};

/** A client secret's expiry ("Expires in 12 days") in the colour of its status. */
export const SecretExpiryChip = (props: { secret: SecretCredentialStatus }) => (
  <StatusChip
    label={describeSecretExpiry(props.secret)}
    tone={EXPIRY_TONES[props.secret.status]}
  />
);
