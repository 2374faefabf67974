import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { CamundaEntraPermissionPolicy } from './CamundaEntraPermissionPolicy';

/**
 * Installs {@link CamundaEntraPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const permissionModuleCamundaEntraPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'camunda-entra-policy',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(CamundaEntraPermissionPolicy.fromConfig(config));
      },
    });
  },
});
