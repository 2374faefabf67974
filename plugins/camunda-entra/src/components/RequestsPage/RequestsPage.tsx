import { Content, Header, Page } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { requestRouteRef } from '../../routes';
import { RequestDetails } from '../RequestDetails';
import { RequestList } from '../RequestList';

/** The approvals page: the request list at its root, one request below it. */
export const RequestsPage = () => (
  <Page themeId="tool">
    <Header
      title="Camunda Entra requests"
      subtitle="Entra ID app registrations for Camunda deployments, approved by the platform team"
    />
    <Content>
      <Routes>
        <Route path="/" element={<RequestList />} />
        <Route path={requestRouteRef.path} element={<RequestDetails />} />
      </Routes>
    </Content>
  </Page>
);
