import { useCallback, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  CamundaEntraRequest,
  camundaEntraSecretRotatePermission,
} from '@camunda-entra/plugin-camunda-entra-common';
import { formatTimestamp } from '../../lib/presentation';
import {
  EntraStatusView,
  HealthChip,
  useEntityEntraStatus,
} from '../EntraStatus';
import { SignInVerificationPanel } from '../SignInVerification';
import { ComponentTable } from './ComponentTable';
import { RepairButton } from './RepairButton';
import { RotationNotice } from './RotationNotice';
import { UpgradeActions } from './UpgradeActions';

/**
 * The "Microsoft Entra ID" tab of a Camunda deployment's catalog entity page: every
 * application with its client ID, redirect URI drift, secret expiry and configuration
 * warnings, the last sign-in verification and a button to verify again, and secret rotation,
 * drift repair and upgrades to the next Camunda line for those allowed to request them.
 */
export const EntityCamundaEntraContent = () => {
  const state = useEntityEntraStatus();
  const { entity } = useEntity();
  const { entityRef } = state;
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

  return (
    <InfoCard title="Entra applications">
      <EntraStatusView state={state}>
        {status => (
          <>
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
              {/* Repairs need the rotate permission too. */}
              {canRotate && (
                <>
                  <RepairButton
                    entityRef={entityRef}
                    components={status.components}
                  />
                  <UpgradeActions
                    entityRef={entityRef}
                    chart={
                      entity.metadata.annotations?.[
                        CAMUNDA_ENTRA_ANNOTATIONS.chart
                      ]
                    }
                  />
                </>
              )}
            </Box>
            <Box mb={2}>
              <SignInVerificationPanel
                entityRef={entityRef}
                verification={status.lastVerification}
              />
            </Box>
            <ComponentTable
              entityRef={entityRef}
              components={status.components}
              canRotate={canRotate}
              rotations={rotations}
              onRotationRequested={onRotationRequested}
            />
          </>
        )}
      </EntraStatusView>
    </InfoCard>
  );
};
