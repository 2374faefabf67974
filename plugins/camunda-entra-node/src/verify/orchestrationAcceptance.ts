import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import { buildHelmValues } from '../values';
import { valueAt } from '../values/valueAt';

/**
 * What the Orchestration Cluster, as the generated values configure it, accepts from a client
 * token, and the scope Connectors asks for.
 */
export interface OrchestrationAcceptance {
  issuer: string;
  audiences: string[];
  /** The claim the Orchestration Cluster reads a client's ID from. */
  clientIdClaim: string;
  /** Undefined when Connectors are off. */
  connectorsTokenScope?: string;
}

// The chart's default audience (templates/orchestration/_helpers.tpl), which no Entra token
// carries: values without an audience leave the cluster refusing every client.
const CHART_DEFAULT_AUDIENCE = 'orchestration-api';

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/**
 * Read from the values the generator builds for the spec, so that verify checks tokens
 * against what the deployment will enforce, not against a second copy of the rules.
 */
export function orchestrationAcceptance(
  spec: DeploymentSpec,
): OrchestrationAcceptance {
  const values = buildHelmValues(spec);
  const oidc = 'orchestration.security.authentication.oidc';
  const audience = valueAt(values, `${oidc}.audience`);
  const scope = valueAt(
    values,
    'connectors.security.authentication.oidc.tokenScope',
  );
  return {
    issuer: String(valueAt(values, 'global.identity.auth.issuer')),
    audiences: [
      ...strings(valueAt(values, `${oidc}.backwardsCompatibleAudiences`)),
      typeof audience === 'string' && audience
        ? audience
        : CHART_DEFAULT_AUDIENCE,
    ],
    // The values write the spec's claim (or, from 8.10, its configuration), whichever key.
    clientIdClaim: spec.claims.clientId,
    ...(spec.components.connectors && {
      connectorsTokenScope: typeof scope === 'string' ? scope : '',
    }),
  };
}
