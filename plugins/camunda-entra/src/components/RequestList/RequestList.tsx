import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import CancelIcon from '@material-ui/icons/Cancel';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import { deploymentName } from '../../lib/presentation';
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

/**
 * Every request, one tab per state group; the tab is kept in the URL (`?filter=`), and so is
 * the one deployment the fleet page's links narrow the list to (`?deployment=`).
 */
export const RequestList = () => {
  const api = useApi(camundaEntraApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = findStateFilter(searchParams.get('filter'));
  const deployment = searchParams.get('deployment') ?? undefined;
  const showList = (params: { filter: string; deployment?: string }) =>
    setSearchParams(
      params.deployment
        ? { filter: params.filter, deployment: params.deployment }
        : { filter: params.filter },
      { replace: true },
    );

  // One unfiltered call serves every tab and its count; the API has no paging, so filtered
  // calls would not fetch less in the "All" tab anyway.
  const { value, loading, error } = useAsync(() => api.listRequests(), [api]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const requests = (value?.items ?? []).filter(
    request => !deployment || deploymentName(request) === deployment,
  );
  const countOf = (f: StateFilter) =>
    requests.filter(request => matchesFilter(f, request.state)).length;
  const visible = requests.filter(request =>
    matchesFilter(filter, request.state),
  );

  return (
    <>
      {deployment && (
        <Chip
          label={`Deployment ${deployment}`}
          onDelete={() => showList({ filter: filter.id })}
          deleteIcon={<CancelIcon titleAccess="Show every deployment" />}
        />
      )}
      <Tabs
        value={filter.id}
        onChange={(_event, id: string) => showList({ filter: id, deployment })}
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
