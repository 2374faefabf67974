import { CAMUNDA_COMPONENTS, CamundaComponent } from './components';

/**
 * The Camunda chart lines the generator supports: 8.8 is chart 13.x, 8.9 is chart 14.x and
 * 8.10 is chart 15.x, a preview (a pre-release chart).
 *
 * @public
 */
export const CHART_LINES = ['8.8', '8.9', '8.10'] as const;

/**
 * A supported Camunda chart line.
 *
 * @public
 */
export type ChartLine = (typeof CHART_LINES)[number];

/**
 * Chart lines whose chart is a pre-release: supported as a preview, not for production.
 *
 * @public
 */
export const PREVIEW_CHART_LINES: readonly ChartLine[] = ['8.10'];

// From chart 15.x (8.10) Camunda Hub replaces Web Modeler and Console, whose own values it
// deprecates (`webModeler.enabled`) or ignores (`global.identity.auth.console.*`).
const REPLACED_BY_CAMUNDA_HUB: readonly CamundaComponent[] = [
  'webModeler',
  'console',
];

/**
 * The components each chart line has.
 *
 * @public
 */
export const CHART_LINE_COMPONENTS: Readonly<
  Record<ChartLine, readonly CamundaComponent[]>
> = {
  '8.8': CAMUNDA_COMPONENTS.filter(component => component !== 'camundaHub'),
  '8.9': CAMUNDA_COMPONENTS.filter(component => component !== 'camundaHub'),
  '8.10': CAMUNDA_COMPONENTS.filter(
    component => !REPLACED_BY_CAMUNDA_HUB.includes(component),
  ),
};

/**
 * Whether a chart line's chart bundles the PostgreSQL databases of Management Identity and
 * Web Modeler (until chart 14.x); from chart 15.x they are external (`databases` in the spec).
 *
 * @public
 */
export function bundlesDatabases(line: ChartLine): boolean {
  return line !== '8.10';
}
