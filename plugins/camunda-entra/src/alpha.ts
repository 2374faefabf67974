import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { rootRouteRef } from './routes';

/**
 * The Camunda Entra plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'camunda-entra',
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [],
});
