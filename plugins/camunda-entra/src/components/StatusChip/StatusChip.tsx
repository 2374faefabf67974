import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

/** Theme palette a status is drawn in; none draws the default grey chip. */
export type StatusTone = 'success' | 'info' | 'warning' | 'error';

const useStyles = makeStyles<Theme, { tone?: StatusTone }>(theme => ({
  chip: ({ tone }) =>
    tone
      ? {
          backgroundColor: theme.palette[tone].main,
          color: theme.palette[tone].contrastText,
        }
      : {},
}));

/** A small chip in the colour of a status, e.g. a request state or a secret's expiry. */
export const StatusChip = (props: { label: string; tone?: StatusTone }) => {
  const classes = useStyles(props);
  return <Chip className={classes.chip} size="small" label={props.label} />;
};
