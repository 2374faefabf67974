import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { RequestState } from '@camunda-entra/plugin-camunda-entra-common';
import { STATE_LABELS } from '../../lib/presentation';

const paletteColor = (theme: Theme, state: RequestState) => {
  switch (state) {
    case 'pending':
      return theme.palette.warning;
    case 'approved':
    case 'provisioning':
      return theme.palette.info;
    case 'provisioned':
      return theme.palette.success;
    case 'failed':
      return theme.palette.error;
    default:
      return undefined;
  }
};

const useStyles = makeStyles<Theme, { state: RequestState }>(theme => ({
  chip: ({ state }) => {
    const color = paletteColor(theme, state);
    return color
      ? { backgroundColor: color.main, color: color.contrastText }
      : {};
  },
}));

/** A request's state as a coloured chip. */
export const RequestStateChip = (props: { state: RequestState }) => {
  const classes = useStyles(props);
  return (
    <Chip
      className={classes.chip}
      size="small"
      label={STATE_LABELS[props.state]}
    />
  );
};
