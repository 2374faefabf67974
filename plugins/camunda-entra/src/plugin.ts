import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { camundaEntraApiFactory } from './api/CamundaEntraApi';
import { requestRouteRef, rootRouteRef } from './routes';

/**
 * The Camunda Entra plugin for the legacy frontend system.
 *
 * @public
 */
export const camundaEntraPlugin = createPlugin({
  id: 'camunda-entra',
  apis: [camundaEntraApiFactory],
  routes: { root: rootRouteRef, request: requestRouteRef },
});

/**
 * The approvals page: Camunda Entra requests by state, each with its plan, history and the
 * platform team's decision. Mount it at `/camunda-entra`.
 *
 * @public
 */
export const CamundaEntraRequestsPage = camundaEntraPlugin.provide(
  createRoutableExtension({
    name: 'CamundaEntraRequestsPage',
    component: () =>
      import('./components/RequestsPage').then(m => m.RequestsPage),
    mountPoint: rootRouteRef,
  }),
);
