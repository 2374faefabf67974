import {
  CHART_LINES,
  ChartLine,
  DeploymentSpec,
  SpecProblem,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { UpgradeInput } from './types';

/**
 * The line a deployment on `line` upgrades to: Camunda supports upgrades one minor at a time.
 *
 * @public
 */
export function nextChartLine(line: ChartLine): ChartLine | undefined {
  return CHART_LINES[CHART_LINES.indexOf(line) + 1];
}

/** The fields an upgrade's input may set; everything else comes from the current spec. */
const INPUT_FIELDS: ReadonlyArray<keyof UpgradeInput> = [
  'databases',
  'secondaryStorage',
  'camundaHub',
];

/**
 * Camunda Hub (8.10) is Web Modeler with Console inside: it takes over Web Modeler's URL (else
 * Console's) and sender, and the spec loses both components and their clients.
 */
function toCamundaHub(target: Record<string, any>, spec: DeploymentSpec) {
  const components = { ...spec.components };
  const url = components.webModeler?.url ?? components.console?.url;
  if (components.webModeler || components.console) {
    components.camundaHub = url ? { url } : {};
  }
  delete components.webModeler;
  delete components.console;
  const clients = { ...spec.clients };
  delete clients.webModelerUi;
  delete clients.webModelerApi;
  delete clients.console;
  target.components = components;
  target.clients = clients;
  delete target.webModeler;
  if (spec.webModeler) {
    target.camundaHub = { fromAddress: spec.webModeler.fromAddress };
  }
}

/**
 * The spec of a deployment upgraded to `to`, validated like any spec (without requiring the
 * clients the target line adds), or the problems that refuse the upgrade, each naming the
 * target spec's field: what the target line needs that neither the spec nor `input` says.
 *
 * @public
 */
export function upgradeTargetSpec(
  spec: DeploymentSpec,
  to: ChartLine,
  input: UpgradeInput = {},
):
  | { valid: true; spec: DeploymentSpec }
  | { valid: false; problems: SpecProblem[] } {
  const next = nextChartLine(spec.chart);
  if (to !== next) {
    return {
      valid: false,
      problems: [
        {
          field: 'chart',
          message: next
            ? `cannot upgrade from ${spec.chart} to ${to}: Camunda upgrades one line at a time, the next is ${next}`
            : `${spec.chart} is the newest line; there is nothing to upgrade to`,
        },
      ],
    };
  }
  const unknown = Object.keys(input).filter(
    field => !(INPUT_FIELDS as readonly string[]).includes(field),
  );
  if (unknown.length > 0) {
    return {
      valid: false,
      problems: unknown.map(field => ({
        field,
        message: `is not set by an upgrade (only ${INPUT_FIELDS.join(
          ', ',
        )}); change it in the spec`,
      })),
    };
  }
  const target: Record<string, any> = structuredClone(spec);
  target.chart = to;
  if (to === '8.10') {
    toCamundaHub(target, spec);
  }
  for (const field of INPUT_FIELDS) {
    if (input[field] !== undefined) {
      target[field] = input[field];
    }
  }
  return validateDeploymentSpec(target);
}
