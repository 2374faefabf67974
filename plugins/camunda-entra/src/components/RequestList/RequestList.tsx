import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { RequestTable } from './RequestTable';
import {
  findStateFilter,
  matchesFilter,
  STATE_FILTERS,
  StateFilter,
} from './stateFilters';

const emptyTitle = (filter: StateFilter) =>
  filter.states
    ? `No ${filter.label.toLowerCase()} requests`
    : 'No requests yet';

/** Every request, one tab per state group; the tab is kept in the URL (`?filter=`). */
export const RequestList = () => {
  const api = useApi(camundaEntraApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = findStateFilter(searchParams.get('filter'));

  // One unfiltered call serves every tab and its count; the API has no paging, so filtered
  // calls would not fetch less in the "All" tab anyway.
  const { value, loading, error } = useAsync(() => api.listRequests(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const requests = value?.items ?? [];
  const countOf = (f: StateFilter) =>
    requests.filter(request => matchesFilter(f, request.state)).length;
  const visible = requests.filter(request =>
    matchesFilter(filter, request.state),
  );

  return (
    <>
      <Tabs
        value={filter.id}
        onChange={(_event, id: string) =>
          setSearchParams({ filter: id }, { replace: true })
        }
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        aria-label="Request states"
      >
        {STATE_FILTERS.map(f => (
          <Tab key={f.id} value={f.id} label={`${f.label} (${countOf(f)})`} />
        ))}
      </Tabs>
      {visible.length > 0 ? (
        <RequestTable title={`${filter.label} requests`} requests={visible} />
      ) : (
        <EmptyState
          missing="data"
          title={emptyTitle(filter)}
          description="Requests are created by the Camunda deployment template and wait here for the platform team's approval."
        />
      )}
    </>
  );
};
