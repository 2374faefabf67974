import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Link,
  ResponseErrorPanel,
  SubvalueCell,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  FleetDeployment,
  FleetSortKey,
} from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraApiRef } from '../../api/CamundaEntraApi';
import {
  clientLabel,
  formatDate,
  formatTimestamp,
} from '../../lib/presentation';
import { useOptionalRouteRef } from '../../lib/useOptionalRouteRef';
import { rootRouteRef } from '../../routes';
import { EXPIRY_TONES, HealthChip } from '../EntraStatus';
import { StatusChip } from '../StatusChip';
import { CursorPages } from './cursorPages';
import { FleetFilters, filterQuery } from './fleetFilters';

const PAGE_SIZE = 20;

/** The material-table handle the filters above the table ask for a new first page through. */
type TableHandle = { onQueryChange(query: { page: number }): void };

const OpenRequestsCell = (props: { row: FleetDeployment }) => {
  const requestsLink = useOptionalRouteRef(rootRouteRef);
  const { deployment, openRequests } = props.row;
  if (!openRequests || !requestsLink) {
    return <>{openRequests}</>;
  }
  const params = new URLSearchParams({ filter: 'all', deployment });
  return (
    <Link
      to={`${requestsLink()}?${params}`}
      aria-label={`${openRequests} open request${
        openRequests === 1 ? '' : 's'
      } for ${deployment}`}
    >
      {openRequests}
    </Link>
  );
};

// The fields of sortable columns are the API's sort keys.
const columns: TableColumn<FleetDeployment>[] = [
  {
    title: 'Deployment',
    field: 'deployment' satisfies FleetSortKey,
    highlight: true,
    render: row => (
      <SubvalueCell
        value={
          row.entityRef ? (
            <EntityRefLink entityRef={row.entityRef} hideIcon>
              {row.deployment}
            </EntityRefLink>
          ) : (
            row.deployment
          )
        }
        subvalue={row.namespace}
      />
    ),
  },
  {
    title: 'Owner',
    field: 'owner' satisfies FleetSortKey,
    render: row =>
      row.owner ? (
        <EntityRefLink entityRef={row.owner} defaultKind="group" />
      ) : null,
  },
  { title: 'Chart line', field: 'chart' satisfies FleetSortKey },
  { title: 'Environment', field: 'environment', sorting: false },
  {
    title: 'Health',
    field: 'health' satisfies FleetSortKey,
    render: row =>
      row.health === 'unknown' ? (
        <StatusChip label="Not checked yet" />
      ) : (
        <HealthChip health={row.health} />
      ),
  },
  {
    title: 'Drifted properties',
    field: 'driftCount' satisfies FleetSortKey,
    type: 'numeric',
  },
  {
    title: 'Next secret expiry',
    field: 'nextExpiry' satisfies FleetSortKey,
    render: ({ nextExpiry }) =>
      nextExpiry ? (
        <StatusChip
          label={`${clientLabel(nextExpiry.client)}: ${formatDate(
            nextExpiry.endDateTime,
          )}`}
          tone={EXPIRY_TONES[nextExpiry.status]}
        />
      ) : null,
  },
  {
    title: 'Last sign-in verification',
    field: 'lastVerification',
    sorting: false,
    render: ({ lastVerification }) =>
      lastVerification ? (
        <SubvalueCell
          value={
            <StatusChip
              label={lastVerification.passed ? 'Passed' : 'Failed'}
              tone={lastVerification.passed ? 'success' : 'error'}
            />
          }
          subvalue={formatTimestamp(lastVerification.verifiedAt)}
        />
      ) : null,
  },
  {
    title: 'Open requests',
    field: 'openRequests',
    type: 'numeric',
    sorting: false,
    render: row => <OpenRequestsCell row={row} />,
  },
];

/**
 * The deployments the user may see, filtered, searched, sorted and paged by the backend: every
 * change of the table or of `filters` asks the API again (the search after a pause in typing).
 */
export const FleetTable = (props: { filters: FleetFilters }) => {
  const { filters } = props;
  const api = useApi(camundaEntraApiRef);
  const tableRef = useRef<TableHandle>();
  const pages = useRef(new CursorPages());
  const [error, setError] = useState<Error>();

  // The data function stays the same (material-table fetches again when it changes identity);
  // it reads the current filters from here.
  const currentFilters = useRef(filters);
  const shownFilters = useRef(filters);
  currentFilters.current = filters;
  useEffect(() => {
    if (shownFilters.current !== filters) {
      shownFilters.current = filters;
      tableRef.current?.onQueryChange({ page: 0 });
    }
  }, [filters]);

  const data = useCallback(
    async (query: {
      page: number;
      pageSize: number;
      search: string;
      orderBy?: { field?: unknown };
      orderDirection: string;
    }) => {
      const sort = query.orderBy?.field as FleetSortKey | undefined;
      const fleetQuery = {
        ...filterQuery(currentFilters.current),
        search: query.search.trim() || undefined,
        sort,
        order: sort && query.orderDirection === 'desc' ? 'desc' : undefined,
        limit: query.pageSize,
      } as const;
      const { page, cursor } = pages.current.cursorFor(fleetQuery, query.page);
      try {
        const result = await api.listDeployments({ ...fleetQuery, cursor });
        pages.current.remember(page, result.nextCursor);
        setError(undefined);
        return { data: result.items, page, totalCount: result.totalCount };
      } catch (e) {
        setError(e as Error);
        throw e;
      }
    },
    [api],
  );

  return (
    <>
      {error && <ResponseErrorPanel error={error} />}
      <Table<FleetDeployment>
        title="Deployments"
        tableRef={tableRef}
        columns={columns}
        data={data}
        options={{
          search: true,
          debounceInterval: 400,
          paging: true,
          pageSize: PAGE_SIZE,
          pageSizeOptions: [20, 50, 100],
          showFirstLastPageButtons: false,
          emptyRowsWhenPaging: false,
          padding: 'dense',
        }}
      />
    </>
  );
};
