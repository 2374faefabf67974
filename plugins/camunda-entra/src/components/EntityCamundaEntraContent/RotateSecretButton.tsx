import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import DialogContentText from '@material-ui/core/DialogContentText';
import type { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { clientLabel } from '../../lib/presentation';
import { ConfirmRequestDialog } from './ConfirmRequestDialog';

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
      <ConfirmRequestDialog
        id={titleId}
        title={`Rotate the ${label} secret?`}
        open={open}
        onClose={() => setOpen(false)}
        confirmLabel="Request rotation"
        onConfirm={rotate}
        loading={loading}
        error={error}
      >
        <DialogContentText>
          This creates a rotation request for the platform team. Once they
          approve it, a new secret is added and delivered where the current one
          is, and the current one is removed after a grace period. Nothing
          changes before the approval.
        </DialogContentText>
      </ConfirmRequestDialog>
    </>
  );
};
