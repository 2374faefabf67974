import {
  CAMUNDA_COMPONENT_LABELS,
  CAMUNDA_COMPONENTS,
  COMPONENT_REQUIREMENTS,
  ENTRA_CLIENT_COMPONENT,
} from './components';
import { accessProblems } from './accessProblems';
import {
  bundlesDatabases,
  CHART_LINE_COMPONENTS,
  CHART_LINES,
  ChartLine,
} from './chartLines';
import type { SpecProblem } from './specProblems';
import { asRecord } from './unparsed';

/** Rules that span fields. Reads its input defensively: it also sees unparsed input. */
export function crossFieldProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const components = asRecord(spec.components);
  const enabled = (component: string) => components[component] !== undefined;
  const problems: SpecProblem[] = [];

  if (
    spec.components !== undefined &&
    !CAMUNDA_COMPONENTS.some(component => enabled(component))
  ) {
    problems.push({
      field: 'components',
      message: 'must enable at least one component',
    });
  }
  for (const { component, requires, reason } of COMPONENT_REQUIREMENTS) {
    if (enabled(component) && !enabled(requires)) {
      problems.push({
        field: `components.${component}`,
        message: `needs ${CAMUNDA_COMPONENT_LABELS[requires]} (components.${requires}): ${reason}`,
      });
    }
  }
  // Web Modeler and Camunda Hub (Web Modeler with Console inside, 8.10) send e-mails.
  for (const component of ['webModeler', 'camundaHub'] as const) {
    if (
      enabled(component) &&
      asRecord(spec[component]).fromAddress === undefined
    ) {
      problems.push({
        field: `${component}.fromAddress`,
        message: `is required when ${CAMUNDA_COMPONENT_LABELS[component]} is enabled (the chart refuses to render without a sender address)`,
      });
    }
  }
  problems.push(...chartLineProblems(spec, enabled));
  for (const key of Object.keys(asRecord(spec.clients))) {
    const component =
      ENTRA_CLIENT_COMPONENT[key as keyof typeof ENTRA_CLIENT_COMPONENT];
    if (component && !enabled(component)) {
      problems.push({
        field: `clients.${key}`,
        message: `is set but ${CAMUNDA_COMPONENT_LABELS[component]} is not enabled (components.${component})`,
      });
    }
  }
  const storage = asRecord(spec.secondaryStorage);
  if (storage.type === 'rdbms') {
    if (spec.chart === '8.8') {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'rdbms needs chart 8.9 or later; chart 8.8 supports Elasticsearch or OpenSearch',
      });
    }
    if (enabled('optimize')) {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'rdbms cannot be used with Optimize, which needs Elasticsearch or OpenSearch',
      });
    }
  }
  problems.push(...accessProblems(input));
  return problems;
}

/** Rules that depend on the chart line: its components, databases and secondary storage. */
function chartLineProblems(
  spec: Record<string, unknown>,
  enabled: (component: string) => boolean,
): SpecProblem[] {
  if (!(CHART_LINES as readonly unknown[]).includes(spec.chart)) {
    return [];
  }
  const line = spec.chart as ChartLine;
  const problems: SpecProblem[] = [];
  for (const component of CAMUNDA_COMPONENTS) {
    if (
      enabled(component) &&
      !CHART_LINE_COMPONENTS[line].includes(component)
    ) {
      problems.push({
        field: `components.${component}`,
        message:
          component === 'camundaHub'
            ? `is not part of Camunda ${line}: Camunda Hub comes with chart 8.10; use components.webModeler and components.console before it`
            : `is not part of Camunda ${line}: Camunda Hub (components.camundaHub) replaces Web Modeler and Console from 8.10 on`,
      });
    }
  }
  const databases = asRecord(spec.databases);
  if (bundlesDatabases(line)) {
    if (spec.databases !== undefined) {
      problems.push({
        field: 'databases',
        message: `is for chart 8.10; chart ${line} installs its own PostgreSQL databases`,
      });
    }
  } else {
    for (const component of ['identity', 'camundaHub'] as const) {
      if (enabled(component) && databases[component] === undefined) {
        problems.push({
          field: `databases.${component}`,
          message: `is required on chart 8.10 with ${CAMUNDA_COMPONENT_LABELS[component]}: the chart no longer installs a PostgreSQL database for it`,
        });
      }
      if (!enabled(component) && databases[component] !== undefined) {
        problems.push({
          field: `databases.${component}`,
          message: `is set but ${CAMUNDA_COMPONENT_LABELS[component]} is not enabled (components.${component})`,
        });
      }
    }
    const storageNeeded = enabled('orchestration') || enabled('optimize');
    const storage = asRecord(spec.secondaryStorage);
    if (storageNeeded && spec.secondaryStorage === undefined) {
      problems.push({
        field: 'secondaryStorage',
        message:
          'is required on chart 8.10 with the Orchestration Cluster or Optimize: the chart installs no Elasticsearch; name an external Elasticsearch, OpenSearch or a relational database',
      });
    } else if (storage.type === 'elasticsearch') {
      problems.push({
        field: 'secondaryStorage.type',
        message:
          'elasticsearch (installed by the chart) is not available on chart 8.10, which bundles no Elasticsearch; use externalElasticsearch, externalOpensearch or rdbms',
      });
    }
  }
  return problems;
}
