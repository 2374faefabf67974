import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { SignInVerification } from '@camunda-entra/plugin-camunda-entra-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import {
  clientLabel,
  describeError,
  formatTimestamp,
} from '../../lib/presentation';
import { SIGN_IN_CHECK_LABELS } from '../../lib/signInChecks';
import { SignInVerificationChip } from './SignInVerificationChip';

/**
 * The deployment's last sign-in verification in full, a row per problem, and a button that
 * verifies again now. It changes nothing in Entra, so it needs no approval.
 */
export const SignInVerificationPanel = (props: {
  entityRef: string;
  /** The last verification the status carries. */
  verification?: SignInVerification;
}) => {
  const { entityRef } = props;
  const api = useApi(camundaEntraApiRef);
  const [latest, setLatest] = useState<SignInVerification>();
  const [{ loading, error }, verify] = useAsyncFn(async () => {
    setLatest(await api.verifySignIn(entityRef));
  }, [api, entityRef]);
  const verification = latest ?? props.verification;

  return (
    <section aria-label="Sign-in verification">
      <Box display="flex" alignItems="center" gridGap={8} mb={1}>
        <Typography variant="body2">Sign-in</Typography>
        {verification ? (
          <>
            <SignInVerificationChip verification={verification} />
            <Typography variant="caption" color="textSecondary">
              Verified {formatTimestamp(verification.verifiedAt)}:{' '}
              {verification.checks} checks
            </Typography>
          </>
        ) : (
          <Typography variant="caption" color="textSecondary">
            Not verified yet
          </Typography>
        )}
        <Button
          size="small"
          variant="outlined"
          disabled={loading}
          onClick={verify}
        >
          {loading ? 'Verifying…' : 'Verify sign-in'}
        </Button>
      </Box>
      {error && (
        <Box mb={1}>
          <Alert severity="error">
            Could not verify the sign-in: {describeError(error)}
          </Alert>
        </Box>
      )}
      {verification && verification.problems.length > 0 && (
        <Table size="small" aria-label="Sign-in problems">
          <TableHead>
            <TableRow>
              <TableCell>Component</TableCell>
              <TableCell>Check</TableCell>
              <TableCell>Problem</TableCell>
              <TableCell>Entra code</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {verification.problems.map(problem => (
              <TableRow
                key={`${problem.client} ${problem.check} ${problem.message}`}
              >
                <TableCell>{clientLabel(problem.client)}</TableCell>
                <TableCell>{SIGN_IN_CHECK_LABELS[problem.check]}</TableCell>
                <TableCell>{problem.message}</TableCell>
                <TableCell>{problem.entraError ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
};
