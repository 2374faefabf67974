import {
  Breadcrumbs,
  ContentHeader,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { requestRouteRef, rootRouteRef } from '../../routes';
import { deploymentName } from '../../lib/presentation';
import { RequestStateChip } from '../RequestStateChip';
import { needsDecision, RequestDecisionCard } from './RequestDecisionCard';
import { RequestHistoryCard } from './RequestHistoryCard';
import { AdoptionPlanCard } from './AdoptionPlanCard';
import { RepairPlanCard } from './RepairPlanCard';
import { RequestPlanCard, TransferPlanCard } from './RequestPlanCard';
import { RequestSummaryCard } from './RequestSummaryCard';
import { UpgradePlanCard } from './UpgradePlanCard';
import { useRequest } from './useRequest';

/** One request: its plan, outcome and history, and the decision on it. */
export const RequestDetails = () => {
  const { id } = useRouteRefParams(requestRouteRef);
  const requestsLink = useRouteRef(rootRouteRef);
  const { request, error, setRequest } = useRequest(id);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!request) {
    return <Progress />;
  }

  const name = deploymentName(request);
  return (
    <>
      <Breadcrumbs aria-label="breadcrumb">
        <Link to={requestsLink()}>Requests</Link>
        <Typography>{name}</Typography>
      </Breadcrumbs>
      <ContentHeader title={name}>
        <RequestStateChip state={request.state} />
      </ContentHeader>
      <Grid container spacing={3}>
        {request.state === 'failed' && (
          <Grid item xs={12}>
            <Alert severity="error">
              <AlertTitle>Provisioning failed</AlertTitle>
              {request.failureReason ?? 'The backend recorded no reason.'}
            </Alert>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <RequestSummaryCard request={request} />
        </Grid>
        {needsDecision(request) && (
          <Grid item xs={12} md={6}>
            <RequestDecisionCard request={request} onDecided={setRequest} />
          </Grid>
        )}
        {request.kind === 'upgrade' && (
          <Grid item xs={12}>
            <UpgradePlanCard request={request} />
          </Grid>
        )}
        <Grid item xs={12}>
          {request.kind === 'repair' && <RepairPlanCard request={request} />}
          {request.kind === 'transfer' && (
            <TransferPlanCard request={request} />
          )}
          {request.kind === 'adopt' && <AdoptionPlanCard request={request} />}
          {!['repair', 'transfer', 'adopt'].includes(request.kind) && (
            <RequestPlanCard request={request} />
          )}
        </Grid>
        <Grid item xs={12}>
          <RequestHistoryCard history={request.history} />
        </Grid>
      </Grid>
    </>
  );
};
