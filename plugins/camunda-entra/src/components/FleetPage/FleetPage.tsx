import { useState } from 'react';
import { Content, Header, LinkButton, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useOptionalRouteRef } from '../../lib/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { ExpiryTimelineCard } from './ExpiryTimelineCard';
import { FleetFilterBar } from './FleetFilterBar';
import { NO_FILTERS } from './fleetFilters';
import { FleetTable } from './FleetTable';

/** The platform team's fleet view: the expiry timeline above every deployment's row. */
export const FleetPage = () => {
  const [filters, setFilters] = useState(NO_FILTERS);
  const requestsLink = useOptionalRouteRef(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Camunda fleet"
        subtitle="Every Camunda deployment whose Entra ID applications the portal watches"
      >
        {requestsLink && (
          <LinkButton to={requestsLink()} variant="outlined" color="inherit">
            Entra requests
          </LinkButton>
        )}
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ExpiryTimelineCard
              selectedWeek={filters.week}
              onSelectWeek={week => setFilters({ ...filters, week })}
            />
          </Grid>
          <Grid item xs={12}>
            <FleetFilterBar filters={filters} onChange={setFilters} />
          </Grid>
          <Grid item xs={12}>
            <FleetTable filters={filters} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
