import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { camundaEntraApiFactory } from './api/CamundaEntraApi';
import { fleetRouteRef, requestRouteRef, rootRouteRef } from './routes';

/**
 * The Camunda Entra plugin for the legacy frontend system.
 *
 * @public
 */
export const camundaEntraPlugin = createPlugin({
  id: 'camunda-entra',
  apis: [camundaEntraApiFactory],
  routes: {
    root: rootRouteRef,
    request: requestRouteRef,
    fleet: fleetRouteRef,
  },
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
 * The fleet page: every Camunda deployment the user may see (approvers all of them, others
 * those their groups own) with its health, drift, next secret expiry and open requests, and a
 * timeline of the secrets ending in the next 26 weeks. Mount it at `/camunda-entra/deployments`
 * beside {@link CamundaEntraRequestsPage}; the two pages link to each other.
 *
 * @public
 */
export const CamundaEntraFleetPage = camundaEntraPlugin.provide(
  createRoutableExtension({
    name: 'CamundaEntraFleetPage',
    component: () => import('./components/FleetPage').then(m => m.FleetPage),
    mountPoint: fleetRouteRef,
  }),
);

/**
 * A summary of a Camunda deployment's Entra ID state (health, applications, next secret
 * expiry, problems) for the overview of its catalog entity page; show it where
 * {@link isCamundaEntraAvailable} holds. It links to {@link EntityCamundaEntraContent} at
 * `entra` below the entity page.
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

/**
 * The "Microsoft Entra ID" tab of a Camunda deployment's catalog entity page: every
 * application with its client ID, redirect URIs (expected and actual), secrets with expiry and
 * secret rotation. Mount it in
 * `<EntityLayout.Route path="/entra" title="Microsoft Entra ID" if={isCamundaEntraAvailable}>`;
 * links to rotation requests need {@link CamundaEntraRequestsPage} mounted.
 *
 * @public
 */
export const EntityCamundaEntraContent = camundaEntraPlugin.provide(
  createComponentExtension({
    name: 'EntityCamundaEntraContent',
    component: {
      lazy: () =>
        import('./components/EntityCamundaEntraContent').then(
          m => m.EntityCamundaEntraContent,
        ),
    },
  }),
);
