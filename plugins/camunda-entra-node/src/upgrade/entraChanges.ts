import {
  DeploymentSpec,
  EntraApplicationPlan,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ApplicationRegistrationSummary,
  registrationSummary,
} from '../directory';
import { ApplicationChange, UpgradeSteps } from './types';

/** `b`'s items that `a` lacks. */
function without(b: string[], a: string[]): string[] {
  return b.filter(item => !a.includes(item));
}

/** What differs between two summaries of one application, one line each. */
function differences(
  before: ApplicationRegistrationSummary,
  after: ApplicationRegistrationSummary,
): string[] {
  const lines: string[] = [];
  if (before.platform !== after.platform) {
    lines.push(`platform ${before.platform} becomes ${after.platform}`);
  }
  const listed = (what: string, old: string[], next: string[]) => [
    ...without(next, old).map(item => `${what} ${item} added`),
    ...without(old, next).map(item => `${what} ${item} removed`),
  ];
  lines.push(
    ...listed('redirect URI', before.redirectUris, after.redirectUris),
    ...listed('API permission', before.apiPermissions, after.apiPermissions),
    ...listed(
      'optional claim',
      before.optionalClaims.idToken,
      after.optionalClaims.idToken,
    ),
  );
  if (before.groupMembershipClaims !== after.groupMembershipClaims) {
    lines.push(
      `groups claim ${before.groupMembershipClaims} becomes ${after.groupMembershipClaims}`,
    );
  }
  return lines;
}

/**
 * Each application of either spec and what the upgrade does to it, read from the summaries
 * of what registration writes, so the plan cannot drift from registration.
 */
export function applicationChanges(
  current: DeploymentSpec,
  target: DeploymentSpec,
): ApplicationChange[] {
  const deployment = current.name;
  const currentPlans = planEntraApplications(current);
  const targetPlans = planEntraApplications(target);
  const summary = (plan: EntraApplicationPlan) =>
    registrationSummary(plan, { deployment });
  const oldOf = new Map(currentPlans.map(plan => [plan.client, plan]));
  const newOf = new Map(targetPlans.map(plan => [plan.client, plan]));
  const changes: ApplicationChange[] = currentPlans.map(plan => {
    const next = newOf.get(plan.client);
    const before = summary(plan);
    const after = next && summary(next);
    const found = after ? differences(before, after) : [];
    let change: ApplicationChange['change'] = 'removed';
    if (next) {
      change =
        found.length > 0 || next.displayName !== plan.displayName
          ? 'changed'
          : 'unchanged';
    }
    return {
      client: plan.client,
      uniqueName: plan.uniqueName,
      displayName: (next ?? plan).displayName,
      change,
      before,
      ...(after && { after }),
      differences: found,
    };
  });
  for (const plan of targetPlans.filter(p => !oldOf.has(p.client))) {
    changes.push({
      client: plan.client,
      uniqueName: plan.uniqueName,
      displayName: plan.displayName,
      change: 'added',
      after: summary(plan),
      differences: [],
    });
  }
  return changes;
}

/**
 * The registrations of each step. Apply registers every target application; one whose
 * redirect URIs change keeps the current line's URIs beside the target's (same platform), so
 * the running deployment still signs in; finish registers it again with the target's alone
 * and removes the applications only the current line used.
 */
export function upgradeSteps(
  current: DeploymentSpec,
  target: DeploymentSpec,
): UpgradeSteps {
  const oldOf = new Map(
    planEntraApplications(current).map(plan => [plan.client, plan]),
  );
  const targetPlans = planEntraApplications(target);
  const apply = targetPlans.map(plan => {
    const old = oldOf.get(plan.client);
    const kept =
      old && old.platform === plan.platform
        ? without(old.redirectUris, plan.redirectUris)
        : [];
    return kept.length > 0
      ? { ...plan, redirectUris: [...plan.redirectUris, ...kept] }
      : plan;
  });
  const targetClients = new Set(targetPlans.map(plan => plan.client));
  return {
    apply,
    finish: targetPlans.filter((plan, index) => apply[index] !== plan),
    remove: [...oldOf.values()]
      .filter(plan => !targetClients.has(plan.client))
      .map(({ client, uniqueName }) => ({ client, uniqueName })),
  };
}
