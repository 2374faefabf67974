import {
  BrowserComponent,
  CamundaComponent,
  DEFAULT_COMPONENT_URLS,
  ENTRA_CLIENT_COMPONENT,
  ENTRA_CLIENT_KEYS,
  ENTRA_CLIENT_LABELS,
  EntraClientKey,
} from './components';
import { DeploymentClientKey, machineClientKey } from './deploymentClients';
import type { DeploymentSpec } from './types';
import { groupMembershipClaims } from './groupMembershipClaims';
import { optionalTokenClaims } from './optionalClaims';
import { joinUrl } from './urls';

/**
 * One Entra application a deployment needs.
 *
 * @public
 */
export interface EntraApplicationPlan {
  /** A component's client, or `machine.<name>` for a machine client. */
  client: DeploymentClientKey;
  /** Shown in the Entra admin center; display names are not unique in Entra. */
  displayName: string;
  /** Graph `uniqueName`: stable, derived from deployment name and client, immutable once set. */
  uniqueName: string;
  /** `none`: no redirect URI, a machine-to-machine client. */
  platform: 'web' | 'spa' | 'none';
  /** The platform's redirect URIs, below the component's base URL; none for `none`. */
  redirectUris: string[];
  /** Confidential clients get a client secret; SPA (public) clients cannot use one. */
  needsSecret: boolean;
  /** The Camunda components that authenticate with this application. */
  components: CamundaComponent[];
  /** Graph's groupMembershipClaims when tokens carry the groups claim; absent: none. */
  groupMembershipClaims?: 'SecurityGroup';
  /** Optional claims of its ID and access tokens (see optionalTokenClaims). */
  optionalClaims: string[];
}

/**
 * The browser-facing base URL of a component: the spec's `url`, else the guide's local URL.
 * Returned without a trailing slash.
 *
 * @public
 */
export function componentUrl(
  spec: DeploymentSpec,
  component: BrowserComponent,
): string {
  const url =
    spec.components[component]?.url ?? DEFAULT_COMPONENT_URLS[component];
  return url.replace(/\/+$/, '');
}

const APPLICATION_SHAPE: Record<
  EntraClientKey,
  {
    platform: EntraApplicationPlan['platform'];
    /** Redirect path below the component's base URL, per the guide's table. */
    redirectPath?: string;
  }
> = {
  orchestration: { platform: 'web', redirectPath: 'sso-callback' },
  identity: { platform: 'web', redirectPath: 'auth/login-callback' },
  optimize: { platform: 'web', redirectPath: 'api/authentication/callback' },
  webModelerUi: { platform: 'spa', redirectPath: 'login-callback' },
  webModelerApi: { platform: 'none' },
  console: { platform: 'spa', redirectPath: '' },
  // Camunda Hub is the Web Modeler webapp (image camunda/hub) with Console inside it: the
  // chart gives it Web Modeler's client settings (camundaHub.clientId, clientApiAudience,
  // publicApiAudience, redirectUrl) and no Console client.
  camundaHubUi: { platform: 'spa', redirectPath: 'login-callback' },
  camundaHubApi: { platform: 'none' },
};

/**
 * The `uniqueName` of a deployment's application for one client, e.g.
 * `camunda-payments-web-modeler-ui`.
 */
export function entraApplicationUniqueName(
  deploymentName: string,
  client: DeploymentClientKey,
): string {
  const kebab = client
    .replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)
    .replace('.', '-');
  return `camunda-${deploymentName}-${kebab}`;
}

/**
 * The Entra applications a spec needs: one per client whose component is enabled, then one
 * per machine client.
 *
 * @public
 */
export function planEntraApplications(
  spec: DeploymentSpec,
): EntraApplicationPlan[] {
  return [...componentApplications(spec), ...machineApplications(spec)];
}

/**
 * Machine clients are confidential applications without a redirect URI, like Web Modeler's
 * API client; they obtain client-credentials tokens for the Orchestration Cluster.
 */
function machineApplications(spec: DeploymentSpec): EntraApplicationPlan[] {
  return (spec.machineClients ?? []).map(({ name }) => {
    const client = machineClientKey(name);
    return {
      client,
      displayName: `Camunda ${spec.name} machine client ${name}`,
      uniqueName: entraApplicationUniqueName(spec.name, client),
      platform: 'none',
      redirectUris: [],
      needsSecret: true,
      components: ['orchestration'],
      optionalClaims: optionalTokenClaims(spec),
    };
  });
}

function componentApplications(spec: DeploymentSpec): EntraApplicationPlan[] {
  return ENTRA_CLIENT_KEYS.filter(
    client => spec.components[ENTRA_CLIENT_COMPONENT[client]] !== undefined,
  ).map(client => {
    const owner = ENTRA_CLIENT_COMPONENT[client];
    const { platform, redirectPath } = APPLICATION_SHAPE[client];
    const components: CamundaComponent[] =
      client === 'orchestration' && spec.components.connectors
        ? ['orchestration', 'connectors']
        : [owner];
    const groupClaims = groupMembershipClaims(spec, client);
    return {
      client,
      displayName: `Camunda ${spec.name} ${ENTRA_CLIENT_LABELS[client]}`,
      uniqueName: entraApplicationUniqueName(spec.name, client),
      platform,
      redirectUris:
        redirectPath === undefined
          ? []
          : [
              joinUrl(
                componentUrl(spec, owner as BrowserComponent),
                redirectPath,
              ),
            ],
      needsSecret: platform !== 'spa',
      components,
      optionalClaims: optionalTokenClaims(spec),
      ...(groupClaims && { groupMembershipClaims: groupClaims }),
    };
  });
}
