import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * Users and groups from `catalog.providers.microsoftGraphOrg`: the stock msgraph module for a
 * tenant; the dev module for the local sandbox, which the stock module cannot reach (its
 * credential asks a Microsoft host for instance discovery).
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    yield config.getOptionalBoolean('camundaEntra.sandbox.enabled')
      ? import('./sandboxOrgProvider')
      : import('@backstage/plugin-catalog-backend-module-msgraph');
  },
});
