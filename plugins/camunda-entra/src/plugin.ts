import {
  createComponentExtension,
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

/**
 * The Entra ID state of a Camunda deployment's applications, for the overview of its catalog
 * entity page; show it where {@link isCamundaEntraAvailable} holds. Links to rotation requests
 * need {@link CamundaEntraRequestsPage} mounted.
 *
 * @public
 */
export const EntityCamundaEntraCard = camundaEntraPlugin.provide(
  createComponentExtension({
    name: 'EntityCamundaEntraCard',
    component: {
      lazy: () =>
        import('./components/EntityCamundaEntraCard').then(
          m => m.EntityCamundaEntraCard,
        ),
    },
  }),
);
