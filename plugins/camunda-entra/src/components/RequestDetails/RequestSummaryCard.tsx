import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import {
  clientLabel,
  deploymentNamespace,
  formatTimestamp,
  KIND_LABELS,
} from '../../lib/presentation';
import { ActorLink } from '../ActorLink';

/** Who asked for what, and when. */
export const RequestSummaryCard = (props: { request: CamundaEntraRequest }) => {
  const { request } = props;
  const metadata: Record<string, unknown> = {
    Kind: KIND_LABELS[request.kind],
    ...(request.client && { 'Rotated client': clientLabel(request.client) }),
    Requester: <ActorLink actorRef={request.requester} />,
    'Catalog entity': request.entityRef ? (
      <EntityRefLink entityRef={request.entityRef} />
    ) : (
      'None yet'
    ),
    Environment: request.environment ?? 'Not given',
    Namespace: deploymentNamespace(request) ?? 'Not given',
    ...(request.secretLocation && {
      'Secrets delivered to': request.secretLocation,
    }),
    Created: formatTimestamp(request.createdAt),
    Updated: formatTimestamp(request.updatedAt),
    'Request ID': request.id,
  };
  return (
    <InfoCard title="Request">
      <StructuredMetadataTable
        metadata={metadata}
        options={{ titleFormat: key => key }}
      />
    </InfoCard>
  );
};
