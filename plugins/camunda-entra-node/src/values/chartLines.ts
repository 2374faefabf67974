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
  /** The chart refuses to render an Orchestration Cluster without secondary storage. */
  requiresSecondaryStorage: boolean;
  /** Whether the chart installs its bundled Elasticsearch unless told otherwise. */
  bundledElasticsearchByDefault: boolean;
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
    requiresSecondaryStorage: false,
    bundledElasticsearchByDefault: true,
    webModelerUiService: 'web-modeler-webapp',
    userInfoCallFails: false,
  },
  '8.9': {
    line: '8.9',
    chartVersion: '14.8.4',
    requiresSecondaryStorage: true,
    bundledElasticsearchByDefault: false,
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
