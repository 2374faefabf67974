import {
  ChartLine,
  deploymentClientIds,
  specClients,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraDirectory,
  planUpgrade,
  UpgradeInput,
  UpgradePlan,
} from '@camunda-entra/plugin-camunda-entra-node';
import { UPGRADE_TO_8_10_INPUT } from '@camunda-entra/plugin-camunda-entra-node/testUtils';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  deliverSecrets,
  generateRepository,
  Registration,
  renderChart,
  sandboxDirectory,
  valuesOf,
} from './deployment';
import { PEOPLE } from './golden';
import { ConformanceReport, playConformance } from './harness';
import { RenderedChart } from './rendered';
import { DeliveredSecrets } from './delivery';

/** What each target line needs that the golden spec of the line before cannot say. */
export const UPGRADE_INPUTS: Record<string, UpgradeInput> = {
  '8.9': {},
  '8.10': UPGRADE_TO_8_10_INPUT,
};

/** Components only one side of the 8.10 upgrade has, which must sign in on their side. */
export const NEW_COMPONENTS: Record<string, string[]> = {
  '8.9': ['webModeler', 'console'],
  '8.10': ['camundaHub'],
};
export const OLD_ONLY_COMPONENTS = ['webModeler', 'console'];

/** The upgrades the harness plays, one line at a time. */
export const UPGRADE_PAIRS: Array<[ChartLine, ChartLine]> = [
  ['8.8', '8.9'],
  ['8.9', '8.10'],
];

/** A deployment's values rendered, with the secrets delivered for them. */
export interface Rendered {
  registration: Registration;
  chart: RenderedChart;
  secrets: DeliveredSecrets;
}

/** Generates, delivers and renders a registered deployment's repository. */
export function renderDeployment(registration: Registration): Rendered {
  const files = generateRepository(registration);
  const secrets = deliverSecrets(registration, files);
  return {
    registration,
    chart: renderChart(registration.spec, valuesOf(files), secrets),
    secrets,
  };
}

/** Plays every sign-in of a rendered deployment against the sandbox as it is now. */
export function play(
  rendered: Rendered,
  sandbox: EntraSandbox,
): Promise<ConformanceReport> {
  const { spec } = rendered.registration;
  return playConformance({
    line: spec.chart,
    spec,
    chart: rendered.chart,
    secrets: rendered.secrets,
    people: PEOPLE,
    ca: sandbox.caPem,
  });
}

/** The plan of a registered deployment's upgrade; failing the test when refused. */
export function upgradePlan(
  registration: Registration,
  to: ChartLine,
  input: UpgradeInput,
): UpgradePlan {
  const result = planUpgrade(registration.spec, to, input);
  if (!result.valid) {
    throw new Error(
      `upgrade refused: ${result.problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return result.plan;
}

/**
 * The apply step, as the CLI and the portal carry it out: the target's applications
 * registered (new ones with a secret), the old line's untouched. Returns the target deployment
 * with every client ID and secret: the old line's secrets of the applications both lines use,
 * which apply does not replace.
 */
export async function applyUpgrade(
  sandbox: EntraSandbox,
  current: Registration,
  plan: UpgradePlan,
): Promise<Registration> {
  const registered = await sandboxDirectory(sandbox).registerDeployment(
    plan.steps.apply,
    { deployment: plan.spec.name, secrets: 'missing' },
  );
  const secretOf = new Map(current.registered.map(r => [r.client, r.secret]));
  const clients = specClients({
    ...deploymentClientIds(plan.spec.clients),
    ...Object.fromEntries(registered.map(r => [r.client, r.appId])),
  });
  const validation = validateDeploymentSpec(
    { ...plan.spec, clients },
    { requireClients: true },
  );
  if (!validation.valid) {
    throw new Error(`target spec: ${JSON.stringify(validation.problems)}`);
  }
  return {
    spec: validation.spec,
    registered: registered.map(r => {
      const secret = r.secret ?? secretOf.get(r.client);
      return secret ? { ...r, secret } : r;
    }),
  };
}

/** The finish step: changed applications trimmed to the target, old-only ones deleted. */
export async function finishUpgrade(
  sandbox: EntraSandbox,
  plan: UpgradePlan,
): Promise<void> {
  const directory: EntraDirectory = sandboxDirectory(sandbox);
  if (plan.steps.finish.length > 0) {
    await directory.registerDeployment(plan.steps.finish, {
      deployment: plan.spec.name,
      secrets: 'never',
    });
  }
  for (const { uniqueName } of plan.steps.remove) {
    const application = await directory.getApplication({ uniqueName });
    if (application) {
      await directory.removeApplication(application.objectId);
    }
  }
}
