import { useEffect, useState } from 'react';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import Grid from '@material-ui/core/Grid';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import CancelIcon from '@material-ui/icons/Cancel';
import type { EntraHealth } from '@camunda-entra/plugin-camunda-entra-common';
import useDebounce from 'react-use/esm/useDebounce';
import { HEALTH_LABELS } from '../../lib/presentation';
import { describeWeek, FleetFilters } from './fleetFilters';

const HEALTH_OPTIONS: Array<{ value: EntraHealth | 'unknown'; label: string }> =
  [
    ...(Object.keys(HEALTH_LABELS) as EntraHealth[]).map(value => ({
      value,
      label: HEALTH_LABELS[value],
    })),
    { value: 'unknown', label: 'Not checked yet' },
  ];

const WITHIN_DAYS = [7, 14, 30, 90];

/** The filters above the fleet table; the owner is sent after a pause in typing. */
export const FleetFilterBar = (props: {
  filters: FleetFilters;
  onChange(filters: FleetFilters): void;
}) => {
  const { filters, onChange } = props;
  const [owner, setOwner] = useState(filters.owner);
  useEffect(() => setOwner(filters.owner), [filters.owner]);
  useDebounce(
    () => {
      if (owner !== filters.owner) {
        onChange({ ...filters, owner });
      }
    },
    400,
    [owner],
  );

  return (
    <Grid container spacing={2} alignItems="center">
      <Grid item>
        <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
          <InputLabel id="fleet-health-label">Health</InputLabel>
          <Select
            labelId="fleet-health-label"
            label="Health"
            multiple
            value={filters.health}
            onChange={event =>
              onChange({
                ...filters,
                health: event.target.value as FleetFilters['health'],
              })
            }
            renderValue={selected =>
              (selected as FleetFilters['health'])
                .map(
                  value =>
                    HEALTH_OPTIONS.find(option => option.value === value)
                      ?.label,
                )
                .join(', ')
            }
          >
            {HEALTH_OPTIONS.map(option => (
              <MenuItem key={option.value} value={option.value}>
                {option.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      <Grid item>
        <TextField
          id="fleet-owner"
          label="Owner"
          placeholder="payments-team"
          variant="outlined"
          size="small"
          value={owner}
          onChange={event => setOwner(event.target.value)}
        />
      </Grid>
      <Grid item>
        <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
          <InputLabel id="fleet-expiring-label">Secret expiring</InputLabel>
          <Select
            labelId="fleet-expiring-label"
            label="Secret expiring"
            value={filters.expiringWithinDays ?? ''}
            onChange={event => {
              const days = event.target.value as number | '';
              onChange({
                ...filters,
                expiringWithinDays: days === '' ? undefined : days,
              });
            }}
          >
            <MenuItem value="">Any time</MenuItem>
            {WITHIN_DAYS.map(days => (
              <MenuItem key={days} value={days}>
                Within {days} days
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Grid>
      {filters.week && (
        <Grid item>
          <Chip
            color="primary"
            label={`Secrets ending ${describeWeek(filters.week)}`}
            onDelete={() => onChange({ ...filters, week: undefined })}
            deleteIcon={<CancelIcon titleAccess="Clear the week" />}
          />
        </Grid>
      )}
    </Grid>
  );
};
