import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { DeploymentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { describeAge } from '../../lib/presentation';
import type { EntityEntraStatus } from './useEntityEntraStatus';

/**
 * What the card and the tab show before and around the status: progress, the error, a note
 * when no application is registered yet, and a warning when the backend could only return
 * the last known state. `children` renders a status with applications.
 */
export const EntraStatusView = (props: {
  state: EntityEntraStatus;
  children: (status: DeploymentEntraStatus) => ReactNode;
}) => {
  const { status, loading, error } = props.state;
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!status?.components.length) {
    return (
      <Typography>
        No Entra applications are registered for this deployment yet. They
        appear here once its request has been approved and provisioned.
      </Typography>
    );
  }
  return (
    <>
      {status.stale && (
        <Box mb={2}>
          <Alert severity="warning">
            Showing the state from {describeAge(status.stale.ageSeconds)}:{' '}
            {status.stale.error}
          </Alert>
        </Box>
      )}
      {props.children(status)}
    </>
  );
};
