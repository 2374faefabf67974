import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { RequestEvent } from '@camunda-entra/plugin-camunda-entra-common';
import { formatTimestamp } from '../../lib/presentation';
import { ActorLink } from '../ActorLink';
import { RequestStateChip } from '../RequestStateChip';

/** The request's audit trail, oldest first, as the backend appended it. */
export const RequestHistoryCard = (props: { history: RequestEvent[] }) => (
  <InfoCard title="History">
    <Table size="small" aria-label="History">
      <TableHead>
        <TableRow>
          <TableCell>State</TableCell>
          <TableCell>By</TableCell>
          <TableCell>When</TableCell>
          <TableCell>Comment</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {/* Append-only, so an entry's index never changes. */}
        {props.history.map((event, index) => (
          <TableRow key={index}>
            <TableCell>
              <RequestStateChip state={event.state} />
            </TableCell>
            <TableCell>
              <ActorLink actorRef={event.actor} />
            </TableCell>
            <TableCell>
              <time dateTime={event.at}>{formatTimestamp(event.at)}</time>
            </TableCell>
            <TableCell>{event.comment}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </InfoCard>
);
