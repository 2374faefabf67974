import { HelmValues } from './buildValues';
import { toYamlFile } from './yamlFile';

/** The file the settings go to, mounted beside the chart's application.yaml and imported by it. */
export const ORCHESTRATION_CONFIGURATION_FILE = 'camunda-entra.yaml';

type Node = Record<string, any>;

/**
 * Values chart 15.x deprecates in favour of the Orchestration Cluster's own configuration
 * (templates/common/constraints.tpl, "removed in chart v16 -> extraConfiguration"), with the
 * Camunda property each renders into (templates/orchestration/files/_application.yaml).
 */
const DEPRECATED_VALUES: ReadonlyArray<{
  from: readonly string[];
  to: (value: any) => Array<{ path: readonly string[]; value: unknown }>;
}> = [
  ...(
    [
      ['usernameClaim', 'username-claim'],
      ['clientIdClaim', 'client-id-claim'],
      ['preferUsernameClaim', 'prefer-username-claim'],
      ['scope', 'scope'],
    ] as const
  ).map(([key, property]) => ({
    from: ['security', 'authentication', 'oidc', key],
    to: (value: unknown) => [
      {
        path: ['camunda', 'security', 'authentication', 'oidc', property],
        value,
      },
    ],
  })),
  {
    // The chart derives the login callback and the legacy webapps' roots from the base URL.
    from: ['security', 'authentication', 'oidc', 'redirectUrl'],
    to: (url: string) => [
      {
        path: ['camunda', 'security', 'authentication', 'oidc', 'redirect-uri'],
        value: `${url}/sso-callback`,
      },
      {
        path: ['operate', 'identity', 'redirectRootUrl'],
        value: `${url}/operate`,
      },
      {
        path: ['tasklist', 'identity', 'redirectRootUrl'],
        value: `${url}/tasklist`,
      },
    ],
  },
  ...(
    [
      ['mappingRules', 'mapping-rules'],
      ['authorizations', 'authorizations'],
    ] as const
  ).map(([key, property]) => ({
    from: ['security', 'initialization', key],
    to: (value: unknown) => [
      { path: ['camunda', 'security', 'initialization', property], value },
    ],
  })),
];

function setIn(node: Node, path: readonly string[], value: unknown) {
  const parent = path
    .slice(0, -1)
    .reduce<Node>((current, key) => (current[key] ??= {}), node);
  parent[path[path.length - 1]] = value;
}

/**
 * Moves the deprecated settings out of `orchestration` values into one file of
 * `orchestration.extraConfiguration`, which the chart mounts and lists in the application's
 * `spring.config.import`: Spring lets an imported file override the file importing it, so
 * these settings win over the chart's defaults for the same properties. Returns new values.
 */
export function withSettingsInOrchestrationConfiguration(
  orchestration: HelmValues,
): HelmValues {
  const values = structuredClone(orchestration) as Node;
  const configuration: Node = {};
  for (const { from, to } of DEPRECATED_VALUES) {
    const parent = from
      .slice(0, -1)
      .reduce<Node | undefined>((node, key) => node?.[key], values);
    const key = from[from.length - 1];
    if (parent && parent[key] !== undefined) {
      for (const { path, value } of to(parent[key])) {
        setIn(configuration, path, value);
      }
      delete parent[key];
    }
  }
  if (Object.keys(configuration).length === 0) {
    return values;
  }
  return {
    ...values,
    extraConfiguration: [
      {
        file: ORCHESTRATION_CONFIGURATION_FILE,
        content: toYamlFile(
          configuration,
          'Settings chart 15.x deprecates as values; see values.yaml and README.md.',
        ),
      },
    ],
  };
}
