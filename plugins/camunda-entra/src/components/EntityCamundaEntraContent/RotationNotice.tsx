import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { clientLabel } from '../../lib/presentation';
import { requestRouteRef } from '../../routes';

/** Tells the user a rotation they asked for waits for approval, and where to follow it. */
export const RotationNotice = (props: {
  client: string;
  request: CamundaEntraRequest;
}) => {
  const requestLink = useRouteRef(requestRouteRef);
  return (
    <Alert severity="info">
      Rotation of the {clientLabel(props.client)} secret requested: it waits for
      approval by the platform team.{' '}
      <Link to={requestLink({ id: props.request.id })}>View request</Link>
    </Alert>
  );
};
