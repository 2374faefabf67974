import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';

/**
 * A link to another page of the plugin that an app may not have mounted (the fleet page and
 * the approvals page are mounted separately): undefined instead of the error useRouteRef
 * throws. useRouteRef throws only after its hooks ran, so the hook order stays the same.
 */
export function useOptionalRouteRef(routeRef: RouteRef) {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
