import {
  ChartLine,
  deploymentClientIds,
  DeploymentSpec,
  planEntraApplications,
  SpecProblem,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { generateValuesRepository } from '../values';
import { breakingChanges } from './breakingChanges';
import { applicationChanges, upgradeSteps } from './entraChanges';
import { upgradeTargetSpec } from './targetSpec';
import { UpgradeInput, UpgradePlan } from './types';
import { valuesDiff } from './valuesDiff';

/** Stands in the target's values for the ID of a client that apply has not registered yet. */
function pendingClientId(client: string): string {
  return `<registered on apply: ${client}>`;
}

/**
 * Plans the upgrade of a registered deployment to the next Camunda line: the target spec,
 * what changes for each Entra application and in which step, the values diff and the chart's
 * breaking changes that concern it. Pure apart from reading the vendored chart schemas; the
 * same spec, line and input always give the same plan.
 *
 * Refuses, with problems as spec validation reports them, a spec whose clients are not all
 * registered, a line that is not the next, and a target that lacks what its line requires
 * (on 8.10 `databases` and `secondaryStorage`, given in `input`).
 *
 * @public
 */
export function planUpgrade(
  spec: DeploymentSpec,
  to: ChartLine,
  input: UpgradeInput = {},
):
  | { valid: true; plan: UpgradePlan }
  | { valid: false; problems: SpecProblem[] } {
  const registered = validateDeploymentSpec(spec, { requireClients: true });
  if (!registered.valid) {
    return registered;
  }
  const targeted = upgradeTargetSpec(spec, to, input);
  if (!targeted.valid) {
    return targeted;
  }
  const target = targeted.spec;
  const known = deploymentClientIds(target.clients);
  const pendingClients = planEntraApplications(target)
    .map(plan => plan.client)
    .filter(client => known[client] === undefined);
  const withPending: DeploymentSpec = {
    ...target,
    clients: specClients({
      ...known,
      ...Object.fromEntries(
        pendingClients.map(client => [client, pendingClientId(client)]),
      ),
    }),
  };
  const repository = generateValuesRepository(withPending);
  return {
    valid: true,
    plan: {
      from: spec.chart,
      to,
      spec: target,
      applications: applicationChanges(spec, target),
      steps: upgradeSteps(spec, target),
      pendingClients,
      repository,
      values: valuesDiff(generateValuesRepository(spec), repository),
      breakingChanges: breakingChanges(spec),
    },
  };
}
