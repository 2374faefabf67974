import { UpgradePlan } from '@camunda-entra/plugin-camunda-entra-node';
import { stringify } from 'yaml';

/** When each kind of change is carried out. */
const STEP = {
  added: 'apply',
  changed: 'apply (both lines), trimmed on finish',
  removed: 'finish',
  unchanged: 'apply (nothing to do)',
} as const;

/** `+added -removed` lines of a unified diff, its headers left out. */
function diffCounts(diff: string): string {
  const lines = diff.split('\n').slice(2);
  const count = (sign: string) => lines.filter(l => l.startsWith(sign)).length;
  return `+${count('+')} -${count('-')}`;
}

/**
 * The plan `camunda-entra upgrade` prints: the Entra changes per application and when they are
 * carried out, the chart's breaking changes and a summary of the values diff.
 */
export function describeUpgrade(plan: UpgradePlan): string {
  return stringify({
    upgrade: `${plan.from} -> ${plan.to}`,
    applications: plan.applications.map(application => ({
      client: application.client,
      uniqueName: application.uniqueName,
      change: application.change,
      when: STEP[application.change],
      ...(application.differences.length > 0 && {
        differences: application.differences,
      }),
    })),
    breakingChanges: plan.breakingChanges.map(change => change.summary),
    values: plan.values.map(
      file => `${file.path}: ${file.change} (${diffCounts(file.diff)})`,
    ),
  });
}
