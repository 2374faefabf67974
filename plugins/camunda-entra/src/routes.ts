import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({ id: 'camunda-entra' });

/** One request's detail view; notifications and the scaffolder can link here. */
export const requestRouteRef = createSubRouteRef({
  id: 'camunda-entra/request',
  parent: rootRouteRef,
  path: '/requests/:id',
});

/** Where the entity page's "Microsoft Entra ID" tab lives, below the entity's own path. */
export const ENTRA_CONTENT_PATH = 'entra';

/** The fleet page: every deployment the user may see, with the secrets' expiry timeline. */
export const fleetRouteRef = createRouteRef({ id: 'camunda-entra/fleet' });
