import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  ComponentEntraStatus,
  SecretExpiryStatus,
} from '@camunda-entra/plugin-camunda-entra-common';
import { describeSecretExpiry, formatTimestamp } from '../../lib/presentation';
import { StatusChip, StatusTone } from '../StatusChip';

const EXPIRY_TONES: Record<SecretExpiryStatus, StatusTone> = {
  ok: 'success',
  expiring: 'warning',
  critical: 'error',
  expired: 'error',
};

/** A component's client secrets, each as an expiry badge with its name, hint and end date. */
export const SecretList = (props: { component: ComponentEntraStatus }) => {
  const { secrets, expectedPlatform } = props.component;
  if (!secrets.length) {
    // SPAs are public clients: Entra does not let them use a secret.
    return <>{expectedPlatform === 'spa' ? 'None (public client)' : 'None'}</>;
  }
  return (
    <>
      {secrets.map(secret => (
        <Box key={secret.keyId} mb={1}>
          <StatusChip
            label={describeSecretExpiry(secret)}
            tone={EXPIRY_TONES[secret.status]}
          />
          <Typography variant="caption" display="block" color="textSecondary">
            {[
              secret.displayName,
              secret.hint && `${secret.hint}…`,
              `ends ${formatTimestamp(secret.endDateTime)}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        </Box>
      ))}
    </>
  );
};
