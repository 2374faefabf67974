import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { SignInVerification } from '@camunda-entra/plugin-camunda-entra-common';
import { clientLabel, formatTimestamp } from '../../lib/presentation';
import { SignInVerificationChip } from './SignInVerificationChip';

/** Problems the card lists before pointing to the tab for the rest. */
const LISTED = 3;

const useStyles = makeStyles(theme => ({
  problems: { margin: 0, paddingLeft: theme.spacing(2) },
  problem: { color: theme.palette.error.main },
}));

/**
 * The last sign-in verification at a glance: when, and whether it passed or its first
 * problems by component.
 */
export const SignInVerificationSummary = (props: {
  verification?: SignInVerification;
}) => {
  const { verification } = props;
  const classes = useStyles();
  if (!verification) {
    return <>Not verified yet</>;
  }
  const { problems } = verification;
  return (
    <>
      <SignInVerificationChip verification={verification} />
      <Typography variant="caption" display="block" color="textSecondary">
        Verified {formatTimestamp(verification.verifiedAt)}
      </Typography>
      {problems.length > 0 && (
        <ul className={classes.problems} aria-label="Sign-in problems">
          {problems.slice(0, LISTED).map(problem => (
            <li
              key={`${problem.client} ${problem.check} ${problem.message}`}
              className={classes.problem}
            >
              {clientLabel(problem.client)}: {problem.message}
            </li>
          ))}
          {problems.length > LISTED && (
            <li>and {problems.length - LISTED} more on the tab</li>
          )}
        </ul>
      )}
    </>
  );
};
