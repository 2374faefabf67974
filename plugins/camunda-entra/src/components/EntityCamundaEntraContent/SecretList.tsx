import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ComponentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { formatTimestamp } from '../../lib/presentation';
import { SecretExpiryChip } from '../EntraStatus';

/**
 * A component's client secrets, each as an expiry badge with its name, hint and end date,
 * and where the portal delivered them.
 */
export const SecretList = (props: { component: ComponentEntraStatus }) => {
  const { secrets, expectedPlatform, secretLocation } = props.component;
  if (!secrets.length) {
    // SPAs are public clients: Entra does not let them use a secret.
    return <>{expectedPlatform === 'spa' ? 'None (public client)' : 'None'}</>;
  }
  return (
    <>
      {secrets.map(secret => (
        <Box key={secret.keyId} mb={1}>
          <SecretExpiryChip secret={secret} />
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
      {secretLocation && (
        <Typography variant="caption" display="block" color="textSecondary">
          Delivered to {secretLocation}
        </Typography>
      )}
    </>
  );
};
