import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { requestRouteRef, rootRouteRef } from '../routes';
import { camundaEntraApi } from './apis';
import { camundaEntraEntityCard } from './entityCards';
import { camundaEntraEntityContent } from './entityContents';
import { camundaEntraRequestsPage } from './pages';

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
  }),
  extensions: [
    camundaEntraApi,
    camundaEntraRequestsPage,
    camundaEntraEntityCard,
    camundaEntraEntityContent,
  ],
});
