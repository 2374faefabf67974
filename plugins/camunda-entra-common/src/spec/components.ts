/**
 * A Camunda 8 component the values generator can enable.
 *
 * @public
 */
export type CamundaComponent =
  | 'orchestration'
  | 'connectors'
  | 'identity'
  | 'optimize'
  | 'webModeler'
  | 'console'
  | 'camundaHub';

/**
 * Every Camunda component, in the order the guide configures them, then Camunda Hub (8.10).
 *
 * @public
 */
export const CAMUNDA_COMPONENTS: readonly CamundaComponent[] = [
  'orchestration',
  'connectors',
  'identity',
  'optimize',
  'webModeler',
  'console',
  'camundaHub',
];

/**
 * Human-readable component names, as the Camunda documentation spells them.
 *
 * @public
 */
export const CAMUNDA_COMPONENT_LABELS: Readonly<
  Record<CamundaComponent, string>
> = {
  orchestration: 'Orchestration Cluster',
  connectors: 'Connectors',
  identity: 'Management Identity',
  optimize: 'Optimize',
  webModeler: 'Web Modeler',
  console: 'Console',
  camundaHub: 'Camunda Hub',
};

/**
 * A Camunda component that users open in a browser, and so has a base URL.
 *
 * @public
 */
export type BrowserComponent = Exclude<CamundaComponent, 'connectors'>;

/**
 * Every browser-facing component.
 *
 * @public
 */
export const BROWSER_COMPONENTS: readonly BrowserComponent[] = [
  'orchestration',
  'identity',
  'optimize',
  'webModeler',
  'console',
  'camundaHub',
];

/**
 * The local URL the guide uses for each browser-facing component (reached through
 * `kubectl port-forward`); a component without a `url` in the spec gets this one.
 *
 * @public
 */
export const DEFAULT_COMPONENT_URLS: Readonly<
  Record<BrowserComponent, string>
> = {
  orchestration: 'http://localhost:8080',
  identity: 'http://localhost:8084',
  optimize: 'http://localhost:8083',
  webModeler: 'http://localhost:8070',
  console: 'http://localhost:8087',
  // Camunda Hub is served by the Web Modeler services it grew out of.
  camundaHub: 'http://localhost:8070',
};

/**
 * One Entra application (client) per key. Connectors share the Orchestration Cluster's
 * client, as in the guide; Web Modeler has two (its UI and its public API), and so has Camunda
 * Hub, which is Web Modeler with Console inside it from 8.10 on.
 *
 * @public
 */
export type EntraClientKey =
  | 'orchestration'
  | 'identity'
  | 'optimize'
  | 'webModelerUi'
  | 'webModelerApi'
  | 'console'
  | 'camundaHubUi'
  | 'camundaHubApi';

/**
 * Every Entra client key, in the order the guide lists the applications.
 *
 * @public
 */
export const ENTRA_CLIENT_KEYS: readonly EntraClientKey[] = [
  'orchestration',
  'identity',
  'optimize',
  'webModelerUi',
  'webModelerApi',
  'console',
  'camundaHubUi',
  'camundaHubApi',
];

/**
 * Human-readable names of the Entra applications.
 */
export const ENTRA_CLIENT_LABELS: Readonly<Record<EntraClientKey, string>> = {
  orchestration: 'Orchestration Cluster',
  identity: 'Management Identity',
  optimize: 'Optimize',
  webModelerUi: 'Web Modeler UI',
  webModelerApi: 'Web Modeler API',
  console: 'Console',
  camundaHubUi: 'Camunda Hub UI',
  camundaHubApi: 'Camunda Hub API',
};

/**
 * The component whose presence in a spec requires each client.
 */
export const ENTRA_CLIENT_COMPONENT: Readonly<
  Record<EntraClientKey, CamundaComponent>
> = {
  orchestration: 'orchestration',
  identity: 'identity',
  optimize: 'optimize',
  webModelerUi: 'webModeler',
  webModelerApi: 'webModeler',
  console: 'console',
  camundaHubUi: 'camundaHub',
  camundaHubApi: 'camundaHub',
};

/**
 * Components that cannot run without another one, with the reason shown to users.
 *
 * @public
 */
export const COMPONENT_REQUIREMENTS: ReadonlyArray<{
  component: CamundaComponent;
  requires: CamundaComponent;
  reason: string;
}> = [
  {
    component: 'connectors',
    requires: 'orchestration',
    reason: 'Connectors authenticate with the Orchestration Cluster client',
  },
  {
    component: 'optimize',
    requires: 'identity',
    reason: 'Optimize grants access through Management Identity',
  },
  {
    component: 'webModeler',
    requires: 'identity',
    reason: 'the chart refuses Web Modeler without Management Identity',
  },
  {
    component: 'console',
    requires: 'identity',
    reason: 'the chart refuses Console without Management Identity',
  },
  {
    component: 'camundaHub',
    requires: 'identity',
    reason: 'the chart refuses Camunda Hub without Management Identity',
  },
];
