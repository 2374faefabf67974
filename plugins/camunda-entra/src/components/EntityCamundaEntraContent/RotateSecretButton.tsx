import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { clientLabel, describeError } from '../../lib/presentation';

/**
 * Asks, after confirmation, for a new client secret. The backend only records a request;
 * nothing changes in Entra until the platform team approves it.
 */
export const RotateSecretButton = (props: {
  entityRef: string;
  client: string;
  onRequested: (request: CamundaEntraRequest) => void;
}) => {
  const { entityRef, client, onRequested } = props;
  const api = useApi(camundaEntraApiRef);
  const [open, setOpen] = useState(false);
  const [{ loading, error }, rotate] = useAsyncFn(async () => {
    const request = await api.requestSecretRotation({ entityRef, client });
    setOpen(false);
    onRequested(request);
  }, [api, entityRef, client, onRequested]);

  const label = clientLabel(client);
  const titleId = `camunda-entra-rotate-${client}`;
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)}>
        Rotate secret
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>Rotate the {label} secret?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            This creates a rotation request for the platform team. Once they
            approve it, a new secret is added and delivered where the current
            one is, and the current one is removed after a grace period. Nothing
            changes before the approval.
          </DialogContentText>
          {error && <Alert severity="error">{describeError(error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={loading}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            onClick={rotate}
            disabled={loading}
          >
            Request rotation
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
