import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { formatTimestamp } from '../../lib/presentation';
import { OwnershipNote } from './RequestPlanCard';

/**
 * What approving an adoption records: per application registered by hand, the one found, how
 * it differs from what the portal would register (left as it is), and its client secrets'
 * expiry. Nothing in the directory changes.
 */
export const AdoptionPlanCard = (props: { request: CamundaEntraRequest }) => {
  const { plan } = props.request;
  return (
    <InfoCard
      title="Plan"
      subheader="Records these applications as the deployment's registration; nothing in Entra changes and no secret is made."
    >
      <OwnershipNote ownership={plan.ownership} />
      <Table size="small" aria-label="Applications to adopt">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Found in Entra</TableCell>
            <TableCell>Differs from the portal's registration</TableCell>
            <TableCell>Client secrets</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.applications.map(app => (
            <TableRow key={app.client}>
              <TableCell>{app.displayName}</TableCell>
              <TableCell>
                {app.existing
                  ? `${app.existing.displayName} (${app.existing.appId})`
                  : 'not found'}
              </TableCell>
              <TableCell>
                {(app.differences ?? []).length === 0
                  ? 'nothing'
                  : app.differences!.map(difference => (
                      <div key={difference.property}>
                        {difference.property}: {difference.actual} (portal:{' '}
                        {difference.expected})
                      </div>
                    ))}
              </TableCell>
              <TableCell>
                {(app.existing?.secrets ?? []).length === 0
                  ? 'none'
                  : app.existing!.secrets.map(secret => (
                      <div key={secret.keyId}>
                        {secret.hint ? `${secret.hint}… ` : ''}
                        {secret.endDateTime
                          ? `expires ${formatTimestamp(secret.endDateTime)}`
                          : 'never expires'}
                      </div>
                    ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
