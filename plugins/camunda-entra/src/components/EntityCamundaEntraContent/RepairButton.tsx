import { useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import Alert from '@material-ui/lab/Alert';
import type {
  CamundaEntraRequest,
  ComponentEntraStatus,
} from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { clientLabel } from '../../lib/presentation';
import { requestRouteRef } from '../../routes';
import { ConfirmRequestDialog } from './ConfirmRequestDialog';

const TITLE_ID = 'camunda-entra-repair';

/**
 * Offers, when an application has drifted, to ask for a repair: after confirmation a request
 * that registers the drifted applications again as recorded once the platform team approves
 * it. Secrets are not touched. Once asked, says where to follow the request instead.
 */
export const RepairButton = (props: {
  entityRef: string;
  components: ComponentEntraStatus[];
}) => {
  const { entityRef, components } = props;
  const api = useApi(camundaEntraApiRef);
  const requestLink = useRouteRef(requestRouteRef);
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState<CamundaEntraRequest>();
  const [{ loading, error }, repair] = useAsyncFn(async () => {
    setRequested(await api.requestRepair({ entityRef }));
    setOpen(false);
  }, [api, entityRef]);

  if (requested) {
    return (
      <Alert severity="info">
        Repair requested: it waits for approval by the platform team.{' '}
        <Link to={requestLink({ id: requested.id })}>View request</Link>
      </Alert>
    );
  }
  const drifted = components.filter(component => component.drift.length > 0);
  if (drifted.length === 0) {
    return null;
  }
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Repair
      </Button>
      <ConfirmRequestDialog
        id={TITLE_ID}
        title="Repair the drifted applications?"
        open={open}
        onClose={() => setOpen(false)}
        confirmLabel="Request repair"
        onConfirm={repair}
        loading={loading}
        error={error}
      >
        <DialogContentText>
          This creates a repair request for the platform team. Once they approve
          it, these changes made outside the portal are undone; client secrets
          stay as they are.
        </DialogContentText>
        <ul aria-label="Changes to undo">
          {drifted.flatMap(component =>
            component.drift.map(difference => (
              <li key={`${component.client} ${difference.property}`}>
                {clientLabel(component.client)}: {difference.property}{' '}
                {difference.actual} → {difference.expected}
              </li>
            )),
          )}
        </ul>
      </ConfirmRequestDialog>
    </>
  );
};
