export type {
  BrowserComponent,
  CamundaComponent,
  EntraClientKey,
} from './components';
export {
  BROWSER_COMPONENTS,
  CAMUNDA_COMPONENT_LABELS,
  CAMUNDA_COMPONENTS,
  COMPONENT_REQUIREMENTS,
  DEFAULT_COMPONENT_URLS,
  ENTRA_CLIENT_KEYS,
} from './components';
export type { ChartLine } from './chartLines';
export {
  bundlesDatabases,
  CHART_LINE_COMPONENTS,
  CHART_LINES,
  PREVIEW_CHART_LINES,
} from './chartLines';
export type {
  ArgoCdSpec,
  BrowserComponentSpec,
  BundledElasticsearchSpec,
  DeploymentAccess,
  DeploymentClaims,
  DeploymentClients,
  DeploymentComponents,
  DeploymentDatabases,
  DeploymentSecrets,
  DeploymentSpec,
  DeploymentTenant,
  DeploymentTenantInput,
  EmailSenderSpec,
  EntraCloud,
  ExternalDatabaseSpec,
  ExternalSearchSpec,
  GroupAccessSpec,
  MachineClientAuthorization,
  MachineClientSpec,
  RelationalStorageSpec,
  SecondaryStorageSpec,
  SecretKeyRef,
  SecretStoreRef,
  SecretStoreSpec,
} from './types';
export { ENTRA_CLOUDS } from './types';
export type { ValidateDeploymentSpecOptions } from './deploymentSpec';
export {
  validateDeploymentSpec,
  validateSecretStoreSpec,
} from './deploymentSpec';
export type { SpecProblem } from './specProblems';
export { formatSpecProblems } from './specProblems';
export type { EntraApplicationPlan } from './applications';
export { componentUrl, planEntraApplications } from './applications';
export type {
  DeploymentClientKey,
  MachineClientKey,
} from './deploymentClients';
export {
  deploymentClientIds,
  deploymentClientLabel,
  isDeploymentClientKey,
  machineClientName,
  specClients,
} from './deploymentClients';
export { ORCHESTRATION_DEFAULT_ROLES } from './orchestrationAuthorizations';
