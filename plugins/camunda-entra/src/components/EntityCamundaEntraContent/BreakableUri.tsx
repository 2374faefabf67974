import { Fragment } from 'react';

/**
 * Break opportunities after each path slash (not inside the `//` after the scheme) and before
 * the query and the fragment.
 */
const PATH_BOUNDARY = /(?<=\/)(?!\/)|(?=[?#])/;

/**
 * A URI that wraps at its path boundaries rather than in the middle of a host name or a path
 * segment; copying it still gives the URI unchanged.
 */
export const BreakableUri = (props: { uri: string }) => (
  <>
    {props.uri.split(PATH_BOUNDARY).map((part, index) => (
      <Fragment key={index}>
        {index > 0 && <wbr />}
        {part}
      </Fragment>
    ))}
  </>
);
