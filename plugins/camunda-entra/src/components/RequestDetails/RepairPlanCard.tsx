import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { OwnershipNote, RegistrationNote } from './RequestPlanCard';

/**
 * What approving a repair undoes: per drifted application, each property with what Entra has
 * now and what the repair sets again. Secrets are not part of a repair.
 */
export const RepairPlanCard = (props: { request: CamundaEntraRequest }) => {
  const { plan } = props.request;
  return (
    <InfoCard
      title="Plan"
      subheader="Undoes changes made outside the portal; client secrets are not touched."
    >
      <RegistrationNote registration={plan.registration} />
      <OwnershipNote ownership={plan.ownership} />
      <Table size="small" aria-label="Changes to undo">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Property</TableCell>
            <TableCell>In Entra now</TableCell>
            <TableCell>After the repair</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.applications.flatMap(app =>
            (app.differences ?? []).map(difference => (
              <TableRow key={`${app.client} ${difference.property}`}>
                <TableCell>{app.displayName}</TableCell>
                <TableCell>{difference.property}</TableCell>
                <TableCell>{difference.actual}</TableCell>
                <TableCell>{difference.expected}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
