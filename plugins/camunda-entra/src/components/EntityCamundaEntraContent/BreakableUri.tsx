import { Fragment } from 'react';
import { makeStyles } from '@material-ui/core/styles';

/**
 * Break opportunities after each path slash (not inside the `//` after the scheme) and before
 * the query and the fragment.
 */
const PATH_BOUNDARY = /(?<=\/)(?!\/)|(?=[?#])/;

const useStyles = makeStyles({
  // Browsers would also break after the hyphen of e.g. `login-callback`.
  segment: { whiteSpace: 'nowrap' },
});

/**
 * A URI that wraps at its path boundaries rather than in the middle of a host name or a path
 * segment; copying it still gives the URI unchanged.
 */
export const BreakableUri = (props: { uri: string }) => {
  const classes = useStyles();
  return (
    <>
      {props.uri.split(PATH_BOUNDARY).map((segment, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          <span className={classes.segment}>{segment}</span>
        </Fragment>
      ))}
    </>
  );
};
