import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTheme } from '@material-ui/core/styles';
import type { SecretExpiryStatus } from '@camunda-entra/plugin-camunda-entra-common';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { EXPIRY_TONES } from '../EntraStatus';
import { ExpiryWeek, expiryWeek, formatDay } from './fleetFilters';

/** Bottom to top: the most urgent at the axis. */
const STACK: Array<{ status: SecretExpiryStatus; label: string }> = [
  { status: 'expired', label: 'Expired' },
  { status: 'critical', label: 'Critical' },
  { status: 'expiring', label: 'Warning' },
  { status: 'ok', label: 'OK' },
];

type WeekBar = { week: ExpiryWeek; label: string } & Record<
  SecretExpiryStatus,
  number
>;

/**
 * The secrets that end in each of the next 26 weeks, stacked by status in the colours of the
 * entity card's expiry chips; a click on a week's bar selects that week.
 */
export const ExpiryTimelineCard = (props: {
  selectedWeek?: ExpiryWeek;
  onSelectWeek(week: ExpiryWeek): void;
}) => {
  const { selectedWeek, onSelectWeek } = props;
  const api = useApi(camundaEntraApiRef);
  const { palette } = useTheme();
  const { value, loading, error } = useAsync(
    () => api.getExpiryTimeline(),
    [api],
  );

  // Critical and expired share the error tone; expired is drawn darker to tell them apart.
  const colour = (status: SecretExpiryStatus) =>
    palette[EXPIRY_TONES[status]][status === 'expired' ? 'dark' : 'main'];

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else {
    const bars: WeekBar[] = (value?.weeks ?? []).map(({ start, counts }) => ({
      week: expiryWeek(start),
      label: formatDay(start),
      ...counts,
    }));
    body = (
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={bars} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip labelFormatter={label => `Week of ${label}`} />
          <Legend />
          {STACK.map(({ status, label }) => (
            <Bar
              key={status}
              dataKey={status}
              name={label}
              stackId="secrets"
              fill={colour(status)}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(bar: WeekBar) => onSelectWeek(bar.week)}
            >
              {bars.map(bar => (
                <Cell
                  key={bar.week.from}
                  role="button"
                  aria-label={`${
                    bar[status]
                  } ${label.toLowerCase()} in the week of ${bar.label}`}
                  fillOpacity={
                    !selectedWeek || selectedWeek.from === bar.week.from
                      ? 1
                      : 0.35
                  }
                />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    );
  }

  return (
    <InfoCard
      title="Client secrets ending, next 26 weeks"
      subheader="Click a week to list the deployments whose secrets end in it"
    >
      {body}
    </InfoCard>
  );
};
