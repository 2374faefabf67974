import { useMemo } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  CamundaEntraRequest,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';
import { requestRouteRef } from '../../routes';
import {
  deploymentName,
  formatTimestamp,
  KIND_LABELS,
} from '../../lib/presentation';
import { ActorLink } from '../ActorLink';
import { RequestStateChip } from '../RequestStateChip';

interface RequestRow {
  id: string;
  name: string;
  kind: string;
  requester: string;
  state: RequestState;
  createdAt: string;
  updatedAt: string;
}

const PAGE_SIZE = 20;

/** Requests as a searchable table, each linking to its detail view. */
export const RequestTable = (props: {
  title: string;
  requests: CamundaEntraRequest[];
}) => {
  const { title, requests } = props;
  const requestLink = useRouteRef(requestRouteRef);

  // Fresh rows each time: material-table writes its own state into row objects.
  const rows = useMemo<RequestRow[]>(
    () =>
      requests.map(request => ({
        id: request.id,
        name: deploymentName(request),
        kind: KIND_LABELS[request.kind],
        requester: request.requester,
        state: request.state,
        createdAt: request.createdAt,
        updatedAt: request.updatedAt,
      })),
    [requests],
  );

  const columns: TableColumn<RequestRow>[] = [
    {
      title: 'Deployment',
      field: 'name',
      highlight: true,
      render: row => <Link to={requestLink({ id: row.id })}>{row.name}</Link>,
    },
    { title: 'Kind', field: 'kind' },
    {
      title: 'Requester',
      field: 'requester',
      render: row => <ActorLink actorRef={row.requester} />,
    },
    {
      title: 'State',
      field: 'state',
      render: row => <RequestStateChip state={row.state} />,
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: row => formatTimestamp(row.createdAt),
    },
    {
      title: 'Updated',
      field: 'updatedAt',
      render: row => formatTimestamp(row.updatedAt),
    },
  ];

  return (
    <Table<RequestRow>
      title={title}
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        emptyRowsWhenPaging: false,
        padding: 'dense',
      }}
    />
  );
};
