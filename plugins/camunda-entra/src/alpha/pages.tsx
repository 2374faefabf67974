import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import StorageIcon from '@material-ui/icons/Storage';
import { fleetRouteRef, rootRouteRef } from '../routes';

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

/**
 * The fleet page: every deployment the user may see, with the expiry timeline. Its own nav item
 * ("Camunda fleet"); it draws its own header like the approvals page.
 *
 * @alpha
 */
export const camundaEntraFleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/camunda-entra/deployments',
    routeRef: convertLegacyRouteRef(fleetRouteRef),
    title: 'Camunda fleet',
    icon: <StorageIcon fontSize="inherit" />,
    noHeader: true,
    loader: () =>
      import('../components/FleetPage').then(m =>
        compatWrapper(<m.FleetPage />),
      ),
  },
});
