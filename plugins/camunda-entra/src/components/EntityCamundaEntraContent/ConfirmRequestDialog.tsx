import { ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../lib/presentation';

/**
 * Asks before a request for the platform team is created, and stays open with the backend's
 * reason when it refuses one.
 */
export const ConfirmRequestDialog = (props: {
  id: string;
  title: string;
  open: boolean;
  onClose: () => void;
  confirmLabel: string;
  onConfirm: () => void;
  loading: boolean;
  error?: Error;
  children: ReactNode;
}) => (
  <Dialog open={props.open} onClose={props.onClose} aria-labelledby={props.id}>
    <DialogTitle id={props.id}>{props.title}</DialogTitle>
    <DialogContent>
      {props.children}
      {props.error && (
        <Alert severity="error">{describeError(props.error)}</Alert>
      )}
    </DialogContent>
    <DialogActions>
      <Button onClick={props.onClose} disabled={props.loading}>
        Cancel
      </Button>
      <Button
        color="primary"
        variant="contained"
        onClick={props.onConfirm}
        disabled={props.loading}
      >
        {props.confirmLabel}
      </Button>
    </DialogActions>
  </Dialog>
);
