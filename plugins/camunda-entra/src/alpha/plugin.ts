import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { fleetRouteRef, requestRouteRef, rootRouteRef } from '../routes';
import { camundaEntraApi } from './apis';
import { camundaEntraEntityCard } from './entityCards';
import { camundaEntraEntityContent } from './entityContents';
import { camundaEntraFleetPage, camundaEntraRequestsPage } from './pages';

/**
 * The Camunda Entra plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'camunda-entra',
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    request: requestRouteRef,
    fleet: fleetRouteRef,
  }),
  extensions: [
    camundaEntraApi,
    camundaEntraRequestsPage,
    camundaEntraFleetPage,
    camundaEntraEntityCard,
    camundaEntraEntityContent,
  ],
});
