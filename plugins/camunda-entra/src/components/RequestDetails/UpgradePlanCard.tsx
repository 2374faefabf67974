import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  CamundaEntraRequest,
  RequestPlanUpgrade,
  UpgradeValuesFile,
} from '@camunda-entra/plugin-camunda-entra-common';
import { clientLabel, formatTimestamp } from '../../lib/presentation';
import { OwnershipNote, RegistrationNote } from './RequestPlanCard';

const CHANGE_LABELS: Record<
  RequestPlanUpgrade['applications'][number]['change'],
  string
> = {
  added: 'Added on approval',
  changed: "Changed on approval (both lines' redirect URIs until finished)",
  removed: 'Removed when finished',
  unchanged: 'Unchanged',
};

const FILE_LABELS: Record<UpgradeValuesFile['change'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
};

const useStyles = makeStyles(theme => ({
  diff: {
    fontFamily: 'monospace',
    fontSize: theme.typography.caption.fontSize,
    margin: 0,
    overflowX: 'auto',
    width: '100%',
  },
  added: { color: theme.palette.success.dark },
  removed: { color: theme.palette.error.dark },
  hunk: { color: theme.palette.info.dark },
}));

/** A unified diff in monospace, added and removed lines coloured. */
const UnifiedDiff = (props: { diff: string; path: string }) => {
  const classes = useStyles();
  const lineClass = (line: string) => {
    if (line.startsWith('+++') || line.startsWith('---')) return undefined;
    if (line.startsWith('+')) return classes.added;
    if (line.startsWith('-')) return classes.removed;
    if (line.startsWith('@@')) return classes.hunk;
    return undefined;
  };
  return (
    <pre className={classes.diff} aria-label={`Diff of ${props.path}`}>
      {props.diff.split('\n').map((line, index) => (
        <div key={index} className={lineClass(line)}>
          {line || ' '}
        </div>
      ))}
    </pre>
  );
};

/** What finishing does, pending until the owner says the new line runs, or when it was done. */
const PendingRemovals = (props: { upgrade: RequestPlanUpgrade }) => {
  const { pendingRemovals, finished, from, to } = props.upgrade;
  if (finished) {
    return (
      <Typography variant="body2" paragraph>
        Finished by {finished.actor} {formatTimestamp(finished.at)}: what only{' '}
        {from} used is removed.
      </Typography>
    );
  }
  if (pendingRemovals.length === 0) {
    return (
      <Typography variant="body2" paragraph>
        Nothing waits for the upgrade to be finished.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">
        Pending until the owner finishes the upgrade once {to} runs ("Finish
        upgrade" on the Microsoft Entra ID tab), so that {from} keeps signing in
        meanwhile:
      </Typography>
      <ul aria-label="Pending until finished">
        {pendingRemovals.map(removal => (
          <li key={removal.uniqueName}>
            {clientLabel(removal.client)} ({removal.uniqueName}):{' '}
            {removal.change === 'removed'
              ? 'deleted with its client secrets'
              : `redirect URIs only ${from} used removed`}
          </li>
        ))}
      </ul>
    </>
  );
};

/**
 * What an upgrade to the next Camunda line does, for the approver and the owner: the Entra
 * change of each application, the chart's breaking changes that apply, the pending removals
 * and the values diff, one collapsible unified diff per file.
 */
export const UpgradePlanCard = (props: { request: CamundaEntraRequest }) => {
  const { plan } = props.request;
  const upgrade = plan.upgrade;
  if (!upgrade) {
    return null;
  }
  return (
    <InfoCard
      title={`Upgrade from Camunda ${upgrade.from} to ${upgrade.to}`}
      subheader="Additions and changes are applied on approval; removals wait until the upgrade is finished."
    >
      <RegistrationNote registration={plan.registration} />
      <OwnershipNote ownership={plan.ownership} />
      <Typography variant="h6">Entra changes</Typography>
      <Table size="small" aria-label="Entra changes">
        <TableHead>
          <TableRow>
            <TableCell>Application</TableCell>
            <TableCell>Change</TableCell>
            <TableCell>Differences</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {upgrade.applications.map(application => (
            <TableRow key={application.uniqueName}>
              <TableCell>{application.displayName}</TableCell>
              <TableCell>{CHANGE_LABELS[application.change]}</TableCell>
              <TableCell>{application.differences.join('; ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={2}>
        <Typography variant="h6">Breaking changes</Typography>
        {upgrade.breakingChanges.length === 0 ? (
          <Typography variant="body2" paragraph>
            None of the chart's breaking changes applies to this deployment.
          </Typography>
        ) : (
          <ul aria-label="Breaking changes">
            {upgrade.breakingChanges.map(change => (
              <li key={change.id}>{change.summary}</li>
            ))}
          </ul>
        )}
      </Box>
      <Box mt={2}>
        <Typography variant="h6">Pending removals</Typography>
        <PendingRemovals upgrade={upgrade} />
      </Box>
      <Box mt={2}>
        <Typography variant="h6">Values</Typography>
        <Typography variant="body2" paragraph>
          The deployment's values repository on {upgrade.to}, against{' '}
          {upgrade.from}. The entity's chart annotation follows once the new
          files are merged into the repository's default branch.
        </Typography>
        {upgrade.values.map(file => (
          <Accordion key={file.path} TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography variant="body2">
                {file.path} ({FILE_LABELS[file.change]})
              </Typography>
            </AccordionSummary>
            <AccordionDetails>
              <UnifiedDiff diff={file.diff} path={file.path} />
            </AccordionDetails>
          </Accordion>
        ))}
      </Box>
    </InfoCard>
  );
};
