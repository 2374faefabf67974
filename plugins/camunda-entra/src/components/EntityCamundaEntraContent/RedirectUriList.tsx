import { makeStyles } from '@material-ui/core/styles';
import type { RedirectUriComparison } from '@camunda-entra/plugin-camunda-entra-common';
import { BreakableUri } from './BreakableUri';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  missing: { color: theme.palette.error.main, fontWeight: 'bold' },
  unexpected: { color: theme.palette.warning.dark, fontWeight: 'bold' },
}));

/**
 * The redirect URIs the deployment expects, then those only Entra has: drift either way is
 * highlighted and named, so it does not rely on colour alone. A URI registered on the wrong
 * platform does not work, so it shows up both as missing and as unexpected.
 */
export const RedirectUriList = (props: { uris: RedirectUriComparison }) => {
  const { expected, missing, unexpected } = props.uris;
  const classes = useStyles();
  if (!expected.length && !unexpected.length) {
    return <>None</>;
  }
  return (
    <ul className={classes.list} aria-label="Redirect URIs">
      {expected.map(uri =>
        missing.includes(uri) ? (
          <li key={uri} className={classes.missing}>
            <BreakableUri uri={uri} /> (missing)
          </li>
        ) : (
          <li key={uri}>
            <BreakableUri uri={uri} />
          </li>
        ),
      )}
      {unexpected.map(uri => (
        <li key={uri} className={classes.unexpected}>
          <BreakableUri uri={uri} /> (unexpected)
        </li>
      ))}
    </ul>
  );
};
