import type { SecretCredentialStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { describeSecretExpiry } from '../../lib/presentation';
import { StatusChip } from '../StatusChip';
import { EXPIRY_TONES } from './expiryTones';

/** A client secret's expiry ("Expires in 12 days") in the colour of its status. */
export const SecretExpiryChip = (props: { secret: SecretCredentialStatus }) => (
  <StatusChip
    label={describeSecretExpiry(props.secret)}
    tone={EXPIRY_TONES[props.secret.status]}
  />
);
