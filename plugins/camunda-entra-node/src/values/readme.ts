import {
  CAMUNDA_COMPONENT_LABELS,
  CamundaComponent,
  DeploymentSpec,
  deploymentClientIds,
  deploymentClientLabel,
  EntraApplicationPlan,
  planEntraApplications,
  PREVIEW_CHART_LINES,
} from '@camunda-entra/plugin-camunda-entra-common';
import { tenantCloudEndpoints } from '../clouds';
import {
  CAMUNDA_CHART_NAME,
  CAMUNDA_HELM_REPOSITORY,
  chartLineProfile,
} from './chartLines';
import { GUIDE_CORRECTIONS } from './corrections';
import { portForwards } from './portForwards';
import { machineClientSecretKey } from './secretKeys';
import { code, fence, table } from './markdown';
import { secretsSection } from './readmeSecrets';

type ExternalDatabase = NonNullable<
  NonNullable<DeploymentSpec['databases']>['identity']
>;

const PLATFORM_NAMES: Record<EntraApplicationPlan['platform'], string> = {
  web: 'Web',
  spa: 'Single-page application',
  none: 'none (machine-to-machine)',
};

function grantSteps(spec: DeploymentSpec): string[] {
  const { components } = spec;
  const steps: string[] = [];
  if (components.orchestration) {
    steps.push(
      `- Orchestration Cluster: ${spec.admins
        .map(code)
        .join(
          ', ',
        )} receive the admin role at first start. Give other users roles in the Orchestration Cluster's own Identity UI.`,
    );
  }
  if (components.orchestration) {
    steps.push(...identityAsCodeSteps(spec));
  }
  if (components.webModeler) {
    steps.push(
      "- Web Modeler UI: in Management Identity, create a mapping rule for the `Web Modeler` role that matches the users' access tokens.",
      "- Web Modeler API: in Management Identity, create a role with Web Modeler API permissions and a mapping rule for it that matches the API client's access token (client ID of the Web Modeler API application).",
    );
  }
  if (components.camundaHub) {
    steps.push(
      "- Camunda Hub: in Management Identity, give its users access through mapping rules that match their access tokens (audience: the Camunda Hub UI application), and its own API clients through the Camunda Hub API application's client ID.",
    );
  }
  if (components.optimize) {
    steps.push(
      "- Optimize: in Management Identity, create a mapping rule for the `Optimize` role that matches the users' access tokens.",
    );
  }
  if (components.identity) {
    steps.push(
      `- Management Identity: ${code(spec.admins[0])} (claim ${code(
        spec.claims.username,
      )}) is its initial administrator. This cannot be changed through values later, only in its database.`,
    );
  }
  return steps;
}

function identityAsCodeSteps(spec: DeploymentSpec): string[] {
  const steps: string[] = [];
  const groups = spec.access?.groups ?? [];
  if (groups.length > 0) {
    steps.push(
      `- Entra groups get Orchestration Cluster roles at first start through mapping rules on the \`groups\` claim: ${groups
        .map(group => `${code(group.id)}: ${group.roles.map(code).join(', ')}`)
        .join(
          '; ',
        )}. Entra sends that claim only when the Orchestration Cluster application has \`groupMembershipClaims: SecurityGroup\`; a user in more than 200 groups gets an overage claim instead and matches no rule.`,
    );
  }
  for (const client of spec.machineClients ?? []) {
    steps.push(
      `- Machine client ${code(client.name)} (client ID ${code(
        spec.clients.machine?.[client.name] ?? '(not registered)',
      )}) gets its ${
        client.authorizations.length === 1
          ? 'authorization'
          : `${client.authorizations.length} authorizations`
      } at first start. Its secret is not in these values but in the Secret ${code(
        spec.secrets.entra,
      )} under ${code(
        machineClientSecretKey(client.name),
      )}: hand it to the worker or pipeline that uses the client, which asks for tokens with the scope ${code(
        `${
          spec.clients.orchestration ?? '<Orchestration Cluster client ID>'
        }/.default`,
      )}.`,
    );
  }
  if (steps.length > 0) {
    steps.push(
      '- The Orchestration Cluster creates these at start only where they do not exist yet (it compares IDs) and does not update existing ones from values: change those in its Identity UI or API.',
    );
  }
  return steps;
}

/** The external PostgreSQL databases chart 15.x needs, where the spec names them. */
function databasesSection(spec: DeploymentSpec): string[] {
  const databases = Object.entries(spec.databases ?? {}).filter(
    ([, database]) => database !== undefined,
  ) as Array<[CamundaComponent, ExternalDatabase]>;
  if (databases.length === 0) {
    return [];
  }
  return [
    '## Databases',
    '',
    `Chart ${spec.chart} installs no PostgreSQL; these databases must exist, each user owning its database, before the first install:`,
    '',
    ...table(
      ['Component', 'Host', 'Database', 'User', 'Password (Secret, key)'],
      databases.map(([component, database]) => [
        CAMUNDA_COMPONENT_LABELS[component],
        code(`${database.host}:${database.port}`),
        code(database.database),
        code(database.username),
        `${code(database.password.name)}, ${code(database.password.key)}`,
      ]),
    ),
    '',
  ];
}

/**
 * README.md for the people who operate the deployment: what was registered, redirect URIs,
 * how the Secrets are created (placeholders only), install and port-forward commands,
 * access still to grant, and where the values differ from the Camunda guide.
 */
export function buildReadme(spec: DeploymentSpec): string {
  const profile = chartLineProfile(spec.chart);
  const applications = planEntraApplications(spec);
  const clientIds = deploymentClientIds(spec.clients);
  const endpoints = tenantCloudEndpoints(spec.tenant);
  const corrections = GUIDE_CORRECTIONS.filter(correction =>
    correction.appliesTo(spec),
  );

  const lines: string[] = [
    `# Camunda ${spec.name}`,
    '',
    `Helm values for Camunda ${spec.chart} (chart ${CAMUNDA_CHART_NAME} ${
      profile.chartVersion
    }), release ${code(spec.release)} in namespace ${code(
      spec.namespace,
    )}, signing in with Microsoft Entra ID tenant ${code(spec.tenant.id)} (${
      spec.tenant.cloud
    } cloud, ${endpoints.authorityHost}).`,
    '',
    'Generated by `camunda-entra values` from the deployment spec; regenerate instead of editing by hand.',
    ...(PREVIEW_CHART_LINES.includes(spec.chart)
      ? [
          `**Preview**: chart ${profile.chartVersion} is a pre-release of Camunda ${spec.chart}, not for production. It needs Helm v${profile.minimumHelmMajor} or later.`,
        ]
      : []),
    "values.yaml was checked against the chart's values schema (unknown keys rejected) and its render rules.",
    '',
    '## Entra applications',
    '',
    ...table(
      [
        'Application',
        'Display name',
        'uniqueName',
        'Client ID',
        'Platform',
        'Client secret',
      ],
      applications.map(application => [
        deploymentClientLabel(application.client),
        application.displayName,
        code(application.uniqueName),
        clientIds[application.client] ?? '(not registered)',
        PLATFORM_NAMES[application.platform],
        application.needsSecret ? 'yes' : 'no (public client)',
      ]),
    ),
    '',
    `Every application must issue v2 access tokens (\`api.requestedAccessTokenVersion: 2\`) carrying the claim ${code(
      spec.claims.username,
    )}, and needs admin consent for the delegated Microsoft Graph permissions openid, profile, email and offline_access.`,
    '',
    '## Redirect URIs',
    '',
    ...table(
      ['Application', 'Platform', 'Redirect URI'],
      applications
        .filter(application => application.redirectUris.length > 0)
        .flatMap(application =>
          application.redirectUris.map(uri => [
            application.displayName,
            PLATFORM_NAMES[application.platform],
            code(uri),
          ]),
        ),
    ),
    '',
    ...secretsSection(spec),
    '',
    ...databasesSection(spec),
    '## Install',
    '',
    ...fence('sh', [
      `helm repo add camunda ${CAMUNDA_HELM_REPOSITORY}`,
      `helm upgrade --install ${spec.release} camunda/${CAMUNDA_CHART_NAME} --version ${profile.chartVersion} --namespace ${spec.namespace} --create-namespace --values values.yaml`,
    ]),
    '',
    '## Connect with port-forwards',
    '',
    'Reach the components from your machine (the localhost redirect URIs only work this way):',
    '',
    ...fence(
      'sh',
      portForwards(spec).flatMap(forward => [
        `# ${forward.label}`,
        `kubectl port-forward --namespace ${spec.namespace} svc/${forward.service} ${forward.localPort}:${forward.servicePort}`,
      ]),
    ),
    '',
    '## Access still to grant',
    '',
    ...grantSteps(spec),
    '',
    '## Differences from the Camunda guide',
    '',
    'These values follow the Camunda guide "Set up the Helm chart with an external Microsoft Entra tenant", with these corrections:',
    '',
    ...corrections.map(
      correction => `- ${correction.summary} ${correction.reason}`,
    ),
    '',
  ];
  return lines.join('\n');
}
