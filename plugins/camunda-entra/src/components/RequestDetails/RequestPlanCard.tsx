import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  CamundaEntraRequest,
  RequestPlanOwnership,
  RequestPlanRegistration,
  RequestSecretReference,
} from '@camunda-entra/plugin-camunda-entra-common';
import { formatTimestamp, PLATFORM_LABELS } from '../../lib/presentation';

const List = (props: { items: string[] }) =>
  props.items.length ? (
    <>
      {props.items.map(item => (
        <div key={item}>{item}</div>
      ))}
    </>
  ) : (
    <>None</>
  );

const SecretCell = (props: {
  planned: boolean;
  delivered?: RequestSecretReference;
}) => {
  if (!props.planned) {
    return <>None (public client)</>;
  }
  return props.delivered ? (
    <>Expires {formatTimestamp(props.delivered.endDateTime)}</>
  ) : (
    <>Yes</>
  );
};

/** Whether approving creates the deployment's registration or changes an existing one, and whose. */
export function describeRegistration(
  registration: RequestPlanRegistration | undefined,
): string | undefined {
  if (!registration) {
    return undefined;
  }
  if (registration.kind === 'new') {
    return 'Creates a new registration: no application of this deployment is recorded in the tenant.';
  }
  return `Changes the existing registration of ${
    registration.entityRef ?? 'a deployment without catalog entity'
  } in namespace ${registration.namespace}, last provisioned by request ${
    registration.requestId
  } of ${registration.requester}.`;
}

/** The registration a plan creates or changes, above the plan's table. */
export const RegistrationNote = (props: {
  registration?: RequestPlanRegistration;
}) => {
  const text = describeRegistration(props.registration);
  return text ? (
    <Typography variant="body2" paragraph>
      {text}
    </Typography>
  ) : null;
};

/** Who owns the deployment, who will after a transfer, and a requester acting for another team. */
export function describeOwnership(
  ownership: RequestPlanOwnership | undefined,
): string[] {
  if (!ownership) {
    return [];
  }
  const owner = ownership.owner ?? 'nobody recorded';
  return [
    ownership.transferTo
      ? `Moves the deployment from ${owner} to ${ownership.transferTo}: its status, rotations and repairs are then theirs.`
      : `Owner of the deployment: ${owner}.`,
    ...(ownership.note ? [`Note: ${ownership.note}.`] : []),
  ];
}

/** The ownership a plan records or changes, above the plan's table. */
export const OwnershipNote = (props: { ownership?: RequestPlanOwnership }) => (
  <>
    {describeOwnership(props.ownership).map(text => (
      <Typography key={text} variant="body2" paragraph>
        {text}
      </Typography>
    ))}
  </>
);

/** What approving a transfer changes: the owner, nothing in Entra ID. */
export const TransferPlanCard = (props: { request: CamundaEntraRequest }) => {
  const { plan } = props.request;
  return (
    <InfoCard title="Plan" subheader={plan.secretDestination}>
      <RegistrationNote registration={plan.registration} />
      <OwnershipNote ownership={plan.ownership} />
    </InfoCard>
  );
};

/** What approving creates in Entra ID; once it has, the client IDs and secret expiries. */
export const RequestPlanCard = (props: { request: CamundaEntraRequest }) => {
  const { plan, clients, secrets } = props.request;
  return (
    <InfoCard
      title="Plan"
      subheader={`Client secrets are valid for ${plan.secretLifetimeDays} days and go to ${plan.secretDestination}.`}
    >
      <RegistrationNote registration={plan.registration} />
      <OwnershipNote ownership={plan.ownership} />
      <Table size="small" aria-label="Applications">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Platform</TableCell>
            <TableCell>Redirect URIs</TableCell>
            <TableCell>API permissions</TableCell>
            <TableCell>Client secret</TableCell>
            <TableCell>Client ID</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.applications.map(app => (
            <TableRow key={app.client}>
              <TableCell>
                <Typography variant="body2">{app.displayName}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {app.uniqueName}
                </Typography>
              </TableCell>
              <TableCell>{PLATFORM_LABELS[app.platform]}</TableCell>
              <TableCell>
                <List items={app.redirectUris} />
              </TableCell>
              <TableCell>
                <List items={app.apiPermissions} />
              </TableCell>
              <TableCell>
                <SecretCell
                  planned={app.secret}
                  delivered={secrets?.[app.client]}
                />
              </TableCell>
              <TableCell>
                {clients[app.client] ?? 'Not registered yet'}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
