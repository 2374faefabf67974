import { createPlugin } from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The Camunda Entra plugin for the legacy frontend system.
 *
 * @public
 */
export const camundaEntraPlugin = createPlugin({
  id: 'camunda-entra',
  routes: { root: rootRouteRef },
});
