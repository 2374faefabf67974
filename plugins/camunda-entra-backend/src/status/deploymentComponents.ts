import {
  ComponentEntraStatus,
  EntraApplicationPlan,
  EntraCloud,
  EntraHealth,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ApplicationsByAppId,
  entraCloudEndpoints,
} from '@camunda-entra/plugin-camunda-entra-node';
import { SecretExpiryThresholds } from '../config';
import { componentStatus, worstHealth } from './componentStatus';

/**
 * A deployment's clients and what the directory holds for them: one read may cover many
 * deployments (the fleet refresh reads them in batches).
 */
export interface DeploymentComponentsInput {
  deployment: string;
  cloud: EntraCloud;
  clients: Array<{ client: string; appId: string }>;
  read: ApplicationsByAppId;
  /** The client IDs the recorded registration holds, by client key. */
  recorded?: Record<string, string>;
  /** What the recorded registration plans; null when none is recorded. */
  expected: EntraApplicationPlan[] | null;
  /** Where each client's secret was delivered, when the portal provisioned it. */
  locate?: (client: string) => string | undefined;
  now: number;
  thresholds: SecretExpiryThresholds;
}

/**
 * The state of each client of a deployment and the worst of them: the status endpoint's
 * computation, which the fleet view's cache records too.
 */
export function deploymentComponents(input: DeploymentComponentsInput): {
  components: ComponentEntraStatus[];
  health: EntraHealth;
} {
  const byAppId = new Map(
    input.read.applications.map(app => [app.appId.toLowerCase(), app]),
  );
  const servicePrincipals = new Set(
    input.read.servicePrincipalAppIds.map(id => id.toLowerCase()),
  );
  const { portalUrl } = entraCloudEndpoints(input.cloud);
  const components = input.clients.map(({ client, appId }) => {
    const location = input.locate?.(client);
    return {
      ...componentStatus({
        client,
        appId,
        deployment: input.deployment,
        recorded:
          input.recorded?.[client]?.toLowerCase() === appId.toLowerCase(),
        expected: input.expected?.find(plan => plan.client === client),
        application: byAppId.get(appId.toLowerCase()),
        servicePrincipal: servicePrincipals.has(appId.toLowerCase()),
        portalUrl,
        now: input.now,
        thresholds: input.thresholds,
      }),
      ...(location && { secretLocation: location }),
    };
  });
  return {
    components,
    health: worstHealth(components.map(component => component.health)),
  };
}
