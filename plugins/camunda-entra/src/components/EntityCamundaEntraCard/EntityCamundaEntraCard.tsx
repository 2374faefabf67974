import { ReactNode, useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CamundaEntraRequest,
  camundaEntraSecretRotatePermission,
} from '@camunda-entra/plugin-camunda-entra-common';
import useAsync from 'react-use/esm/useAsync';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { describeAge, formatTimestamp } from '../../lib/presentation';
import { ComponentTable } from './ComponentTable';
import { HealthChip } from './HealthChip';
import { RotationNotice } from './RotationNotice';

/**
 * The Entra ID state of a Camunda deployment's applications, on its catalog entity page:
 * client IDs, redirect URI drift, secret expiry and configuration warnings, and secret
 * rotation for those allowed to request it.
 */
export const EntityCamundaEntraCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(camundaEntraApiRef);
  const {
    value: status,
    loading,
    error,
  } = useAsync(() => api.getEntityStatus(entityRef), [api, entityRef]);
  const { allowed: canRotate } = usePermission({
    permission: camundaEntraSecretRotatePermission,
    resourceRef: entityRef,
  });
  const [rotations, setRotations] = useState<
    Record<string, CamundaEntraRequest>
  >({});
  const onRotationRequested = useCallback(
    (client: string, request: CamundaEntraRequest) =>
      setRotations(previous => ({ ...previous, [client]: request })),
    [],
  );

  let content: ReactNode;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!status?.components.length) {
    content = (
      <Typography>
        No Entra applications are registered for this deployment yet. They
        appear here once its request has been approved and provisioned.
      </Typography>
    );
  } else {
    content = (
      <>
        {status.stale && (
          <Box mb={2}>
            <Alert severity="warning">
              Showing the state from {describeAge(status.stale.ageSeconds)}:{' '}
              {status.stale.error}
            </Alert>
          </Box>
        )}
        {Object.entries(rotations).map(([client, request]) => (
          <Box mb={2} key={client}>
            <RotationNotice client={client} request={request} />
          </Box>
        ))}
        <Box display="flex" alignItems="center" gridGap={8} mb={2}>
          <Typography variant="body2">Overall health</Typography>
          <HealthChip health={status.health} />
          <Typography variant="caption" color="textSecondary">
            Read from Entra {formatTimestamp(status.fetchedAt)}
          </Typography>
        </Box>
        <ComponentTable
          entityRef={entityRef}
          components={status.components}
          canRotate={canRotate}
          rotations={rotations}
          onRotationRequested={onRotationRequested}
        />
      </>
    );
  }

  return <InfoCard title="Microsoft Entra ID">{content}</InfoCard>;
};
