import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  CamundaEntraRequest,
  camundaEntraRequestApprovePermission,
} from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { describeError } from '../../lib/presentation';

/** Whether a request waits for someone holding the approve permission. */
export function needsDecision(request: CamundaEntraRequest): boolean {
  return request.state === 'pending' || request.state === 'failed';
}

const READ_ONLY_NOTE =
  'Read-only: approving, rejecting and retrying requests is reserved for the platform team ' +
  `(permission ${camundaEntraRequestApprovePermission.name}).`;

/**
 * Approve or reject a pending request, or retry a failed one. The backend enforces the
 * permission too; checking it here only spares others buttons that would fail.
 */
export const RequestDecisionCard = (props: {
  request: CamundaEntraRequest;
  onDecided: (request: CamundaEntraRequest) => void;
}) => {
  const { request, onDecided } = props;
  const api = useApi(camundaEntraApiRef);
  const alertApi = useApi(alertApiRef);
  const permission = usePermission({
    permission: camundaEntraRequestApprovePermission,
  });
  const [comment, setComment] = useState('');
  const [commentMissing, setCommentMissing] = useState(false);

  const [{ loading: submitting, error }, decide] = useAsyncFn(
    async (
      action: () => Promise<CamundaEntraRequest>,
      successMessage: string,
    ) => {
      const updated = await action();
      setComment('');
      alertApi.post({
        message: successMessage,
        severity: 'success',
        display: 'transient',
      });
      onDecided(updated);
    },
    [alertApi, onDecided],
  );

  const trimmed = comment.trim();
  const approve = () =>
    decide(
      () =>
        api.approveRequest(request.id, {
          comment: trimmed || undefined,
        }),
      'Request approved',
    );
  const reject = () => {
    if (!trimmed) {
      setCommentMissing(true);
      return;
    }
    decide(
      () => api.rejectRequest(request.id, { comment: trimmed }),
      'Request rejected',
    );
  };
  const retry = () =>
    decide(() => api.retryRequest(request.id), 'Provisioning retried');

  let content;
  if (permission.loading) {
    content = <Progress />;
  } else if (!permission.allowed) {
    content = <Alert severity="info">{READ_ONLY_NOTE}</Alert>;
  } else if (request.state === 'failed') {
    content = (
      <>
        <Typography paragraph>
          Retrying moves the request back to approved and provisioning runs
          again.
        </Typography>
        <Button
          variant="contained"
          color="primary"
          disabled={submitting}
          onClick={retry}
        >
          Retry
        </Button>
      </>
    );
  } else {
    content = (
      <>
        <Typography paragraph>
          Approving registers the applications of the plan in Entra ID and
          stores their client secrets; rejecting closes the request.
        </Typography>
        <TextField
          id="camunda-entra-decision-comment"
          label="Comment"
          multiline
          minRows={2}
          fullWidth
          variant="outlined"
          value={comment}
          onChange={event => {
            setComment(event.target.value);
            setCommentMissing(false);
          }}
          error={commentMissing}
          helperText={
            commentMissing
              ? 'A comment is required to reject a request.'
              : 'Optional when approving, required when rejecting.'
          }
        />
        <Box mt={2} display="flex" gridGap={8}>
          <Button
            variant="contained"
            color="primary"
            disabled={submitting}
            onClick={approve}
          >
            Approve
          </Button>
          <Button variant="outlined" disabled={submitting} onClick={reject}>
            Reject
          </Button>
        </Box>
      </>
    );
  }

  return (
    <InfoCard title="Decision">
      {error && (
        <Box mb={2}>
          <Alert severity="error">{describeError(error)}</Alert>
        </Box>
      )}
      {content}
    </InfoCard>
  );
};
