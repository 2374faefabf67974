import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { DeploymentEntraStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { nextSecretExpiry } from '../../lib/nextSecretExpiry';
import { clientLabel, formatTimestamp } from '../../lib/presentation';
import { HealthChip, SecretExpiryChip } from '../EntraStatus';
import { SignInVerificationSummary } from '../SignInVerification';

const useStyles = makeStyles(theme => ({
  label: { verticalAlign: 'top', whiteSpace: 'nowrap', width: '1%' },
  value: { verticalAlign: 'top' },
  problems: { margin: 0, paddingLeft: theme.spacing(2) },
  problem: { color: theme.palette.warning.dark },
}));

/**
 * The deployment at a glance: health, how many applications, the last sign-in verification,
 * which secret ends first, and the backend's problems (drift, configuration) named by
 * application.
 */
export const EntraSummaryTable = (props: { status: DeploymentEntraStatus }) => {
  const { status } = props;
  const classes = useStyles();
  const next = nextSecretExpiry(status.components);
  const location =
    next &&
    status.components.find(component => component.client === next.client)
      ?.secretLocation;
  const problems = status.components.flatMap(component =>
    component.problems.map(
      problem => `${clientLabel(component.client)}: ${problem}`,
    ),
  );
  const rows: Array<[string, JSX.Element]> = [
    [
      'Overall health',
      <>
        <HealthChip health={status.health} />
        <Typography variant="caption" display="block" color="textSecondary">
          Read from Entra {formatTimestamp(status.fetchedAt)}
        </Typography>
      </>,
    ],
    ['Applications', <>{status.components.length}</>],
    [
      'Sign-in',
      <SignInVerificationSummary verification={status.lastVerification} />,
    ],
    [
      'Next secret expiry',
      next ? (
        <>
          {clientLabel(next.client)} <SecretExpiryChip secret={next.secret} />
          <Typography variant="caption" display="block" color="textSecondary">
            ends {formatTimestamp(next.secret.endDateTime)}
            {location && ` · delivered to ${location}`}
          </Typography>
        </>
      ) : (
        <>No client secrets</>
      ),
    ],
    [
      'Problems',
      problems.length ? (
        <ul className={classes.problems} aria-label="Problems">
          {problems.map(problem => (
            <li key={problem} className={classes.problem}>
              {problem}
            </li>
          ))}
        </ul>
      ) : (
        <>None</>
      ),
    ],
  ];
  return (
    <Table size="small" aria-label="Entra summary">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" scope="row" className={classes.label}>
              {label}
            </TableCell>
            <TableCell className={classes.value}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
