import { InfoCard } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ENTRA_CONTENT_PATH } from '../../routes';
import { EntraStatusView, useEntityEntraStatus } from '../EntraStatus';
import { EntraSummaryTable } from './EntraSummaryTable';

/**
 * A summary of a Camunda deployment's Entra ID state for the overview of its catalog entity
 * page, linking to the "Microsoft Entra ID" tab with every application.
 */
export const EntityCamundaEntraCard = () => {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const state = useEntityEntraStatus();
  const entityPath = entityRoute(entityRouteParams(entity)).replace(/\/$/, '');
  return (
    <InfoCard
      title="Microsoft Entra ID"
      deepLink={{
        title: 'View Entra applications',
        link: `${entityPath}/${ENTRA_CONTENT_PATH}`,
      }}
    >
      <EntraStatusView state={state}>
        {status => <EntraSummaryTable status={status} />}
      </EntraStatusView>
    </InfoCard>
  );
};
