import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';

/**
 * Where Camunda publishes its Helm charts.
 *
 * @public
 */
export const CAMUNDA_HELM_REPOSITORY = 'https://helm.camunda.io';

/**
 * The name of the Camunda chart in that repository.
 *
 * @public
 */
export const CAMUNDA_CHART_NAME = 'camunda-platform';

/**
 * What differs between the supported Camunda chart lines, as far as the generator cares.
 *
 * @public
 */
export interface ChartLineProfile {
  line: ChartLine;
  /** Chart version the vendored schema comes from; generated Argo CD apps pin it. */
  chartVersion: string;
  /** Helm major version the chart needs at least (chart 15.x refuses Helm 3). */
  minimumHelmMajor: number;
  /** The chart refuses to render an Orchestration Cluster without secondary storage. */
  requiresSecondaryStorage: boolean;
  /** Whether the chart installs its bundled Elasticsearch unless told otherwise. */
  bundledElasticsearchByDefault: boolean;
  /**
   * Where search connections go: `global` (global.elasticsearch/opensearch, shared by the
   * components) or `component` (orchestration.data.secondaryStorage and optimize.database, as
   * chart 15.x wants: it deprecates the global blocks).
   */
  searchValues: 'global' | 'component';
  /**
   * The chart deprecates the Orchestration Cluster's claim, scope and redirect values and its
   * mapping rules and authorizations (removed in chart 16): they go into its own configuration
   * through `orchestration.extraConfiguration` instead.
   */
  settingsInOrchestrationConfiguration: boolean;
  /** Service suffix of the Web Modeler UI (the webapp was merged into the REST API in 14.x). */
  webModelerUiService: string;
  /**
   * The Orchestration Cluster's Spring Security (7, from 8.9) calls the userinfo endpoint on
   * every login, which Microsoft Graph refuses for Camunda's tokens: the values turn it off.
   */
  userInfoCallFails: boolean;
}

const PROFILES: Record<ChartLine, ChartLineProfile> = {
  '8.8': {
    line: '8.8',
    chartVersion: '13.12.7',
    minimumHelmMajor: 3,
    requiresSecondaryStorage: false,
    bundledElasticsearchByDefault: true,
    searchValues: 'global',
    settingsInOrchestrationConfiguration: false,
    webModelerUiService: 'web-modeler-webapp',
    userInfoCallFails: false,
  },
  '8.9': {
    line: '8.9',
    chartVersion: '14.8.4',
    minimumHelmMajor: 3,
    requiresSecondaryStorage: true,
    bundledElasticsearchByDefault: false,
    searchValues: 'global',
    settingsInOrchestrationConfiguration: false,
    webModelerUiService: 'web-modeler-restapi',
    userInfoCallFails: true,
  },
  '8.10': {
    line: '8.10',
    chartVersion: '15.0.0-alpha4',
    minimumHelmMajor: 4,
    requiresSecondaryStorage: true,
    bundledElasticsearchByDefault: false,
    searchValues: 'component',
    settingsInOrchestrationConfiguration: true,
    webModelerUiService: 'web-modeler-restapi',
    userInfoCallFails: true,
  },
};

/**
 * Returns the profile of a chart line.
 *
 * @public
 */
export function chartLineProfile(line: ChartLine): ChartLineProfile {
  return PROFILES[line];
}
