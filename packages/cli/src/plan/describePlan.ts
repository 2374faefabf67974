import {
  DeploymentSpec,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationDrift,
  EntraApplicationInfo,
  EntraDirectory,
} from '@camunda-entra/plugin-camunda-entra-node';
import { stringify } from 'yaml';
import { SecretJournal } from '../journal/secretJournal';
import { cliSecretName, decideSecret } from '../secrets/cliSecrets';

function plannedAction(found: boolean, drift: string[]) {
  if (!found) {
    return 'create';
  }
  return drift.length > 0 ? 'update' : 'unchanged';
}

/** What a run would do about a confidential application's secret. */
function plannedSecret(
  spec: DeploymentSpec,
  current: EntraApplicationInfo | undefined,
  journal: SecretJournal | undefined,
) {
  if (!current) {
    return { secret: `create (${spec.secretLifetimeDays} days)` };
  }
  const decision = decideSecret(current.passwordCredentials, {
    name: cliSecretName(spec.name),
    existing: journal?.existingKeyIds(current.objectId),
    journaled: journal?.secretsOf(current.objectId) ?? [],
  });
  let secret = 'keep the existing one';
  if (decision.recovered) {
    secret = `deliver ${decision.recovered.keyId}, added by the interrupted run`;
  } else if (decision.add) {
    secret = `create (${spec.secretLifetimeDays} days)`;
  }
  return {
    secret,
    ...(decision.orphans.length > 0 && { removeOrphans: decision.orphans }),
  };
}

/**
 * The output of `register --dry-run`: what registration would do, read from the directory
 * without changing it.
 */
export async function describePlan(
  directory: EntraDirectory,
  spec: DeploymentSpec,
  journal: SecretJournal | undefined,
): Promise<string> {
  const applications = await Promise.all(
    planEntraApplications(spec).map(async plan => {
      const current = await directory.getApplication({
        uniqueName: plan.uniqueName,
      });
      const drift = current ? applicationDrift(plan, spec.name, current) : [];
      const secret = plan.needsSecret
        ? plannedSecret(spec, current, journal)
        : { secret: 'none (public client)' };
      return {
        client: plan.client,
        uniqueName: plan.uniqueName,
        displayName: plan.displayName,
        action: plannedAction(current !== undefined, drift),
        ...(drift.length > 0 && { changes: drift }),
        ...(current && { appId: current.appId }),
        platform: plan.platform,
        redirectUris: plan.redirectUris,
        ...secret,
      };
    }),
  );
  return `# Dry run: nothing was created or changed.\n${stringify({
    applications,
  })}`;
}
