import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { rootRouteRef } from '../routes';

/**
 * The approvals page. Its title and icon make the nav item; the page draws its own header
 * ("Camunda Entra requests"), the same in both frontend systems.
 *
 * @alpha
 */
export const camundaEntraRequestsPage = PageBlueprint.make({
  params: {
    path: '/camunda-entra',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    title: 'Entra requests',
    icon: <AssignmentTurnedInIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/RequestsPage').then(m =>
        compatWrapper(<m.RequestsPage />),
      ),
  },
});
