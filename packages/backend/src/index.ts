import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleCamundaEntraLocalRepositories } from '@camunda-entra/plugin-scaffolder-backend-module-camunda-entra';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('./guestSignIn'));
// Production signs in with Entra ID; the dev portal also as the sandbox's people.
backend.add(import('@backstage/plugin-auth-backend-module-microsoft-provider'));
backend.add(import('./sandboxSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Users and groups from the tenant, or from the sandbox in the dev portal.
backend.add(import('./microsoftGraphOrg'));
// `file` locations for the local publishing target, only when camundaEntra.publish.local is enabled.
backend.add(catalogModuleCamundaEntraLocalRepositories);

backend.add(import('@backstage/plugin-permission-backend'));
// The same policy as production: approvers decide, deployment owners rotate and read.
backend.add(
  import('@camunda-entra/plugin-permission-backend-module-camunda-entra'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@camunda-entra/plugin-scaffolder-backend-module-camunda-entra'),
);

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));

// The local Entra sandbox, when camundaEntra.sandbox.enabled (app-config.yaml).
backend.add(import('./entraSandbox'));
backend.add(import('@camunda-entra/plugin-camunda-entra-backend'));

backend.start();
