import { Content, Header, LinkButton, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { useOptionalRouteRef } from '../../lib/useOptionalRouteRef';
import { fleetRouteRef, requestRouteRef } from '../../routes';
import { RequestDetails } from '../RequestDetails';
import { RequestList } from '../RequestList';

/** The approvals page: the request list at its root, one request below it. */
export const RequestsPage = () => {
  const fleetLink = useOptionalRouteRef(fleetRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Camunda Entra requests"
        subtitle="Entra ID app registrations for Camunda deployments, approved by the platform team"
      >
        {fleetLink && (
          <LinkButton to={fleetLink()} variant="outlined" color="inherit">
            Camunda fleet
          </LinkButton>
        )}
      </Header>
      <Content>
        <Routes>
          <Route path="/" element={<RequestList />} />
          <Route path={requestRouteRef.path} element={<RequestDetails />} />
        </Routes>
      </Content>
    </Page>
  );
};
