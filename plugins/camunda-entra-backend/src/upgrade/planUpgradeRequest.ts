import { ConflictError, InputError } from '@backstage/errors';
import {
  ChartLine,
  DeploymentSpec,
  formatSpecProblems,
  RequestPlanUpgrade,
  specClients,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  planUpgrade,
  SecretSink,
  sinkTarget,
  UpgradeInput,
  UpgradePlan,
} from '@camunda-entra/plugin-camunda-entra-node';
import { DeploymentEntity } from '../catalog/deploymentEntity';
import { RequestStore, StoredRequest } from '../database/RequestStore';
import {
  assertNoneOngoing,
  EntityRequestPlan,
  recordedRegistration,
} from '../registrations/entityRequests';
import { registrationOf } from '../registrations/registrationOwner';
import { buildRequestPlan } from '../provisioning/requestPlan';

/** The fields of a target spec that an upgrade's input sets (see UpgradeInput). */
const INPUT_FIELDS = ['databases', 'secondaryStorage', 'camundaHub'] as const;

/**
 * The upgrade of a registration, planned by planUpgrade from its spec with the client IDs it
 * recorded: the registration's spec names none, the portal registered them.
 */
export function planRegistrationUpgrade(
  registration: StoredRequest,
  spec: DeploymentSpec,
  to: ChartLine,
  input: UpgradeInput,
): UpgradePlan {
  const planned = planUpgrade(
    { ...spec, clients: specClients(registration.clients) },
    to,
    input,
  );
  if (!planned.valid) {
    throw new InputError(
      `Cannot upgrade ${spec.name} to ${to}: ${formatSpecProblems(
        planned.problems,
      )}`,
    );
  }
  return planned.plan;
}

/**
 * The input that gives `target` again when the registration it was planned from is upgraded:
 * planUpgrade is pure, so the executor plans the same steps from the stored target spec.
 */
export function inputOf(target: DeploymentSpec): UpgradeInput {
  return Object.fromEntries(
    INPUT_FIELDS.flatMap(field =>
      target[field] === undefined ? [] : [[field, target[field]]],
    ),
  );
}

/** What the plan shows of the upgrade: the Entra changes, values diff, breaking changes. */
function upgradePart(plan: UpgradePlan): RequestPlanUpgrade {
  return {
    from: plan.from,
    to: plan.to,
    applications: plan.applications.map(
      ({ client, uniqueName, displayName, change, differences }) => ({
        client,
        uniqueName,
        displayName,
        change,
        differences,
      }),
    ),
    values: plan.values,
    breakingChanges: plan.breakingChanges,
    pendingRemovals: [
      ...plan.steps.finish.map(({ client, uniqueName }) => ({
        client,
        uniqueName,
        change: 'changed' as const,
      })),
      ...plan.steps.remove.map(({ client, uniqueName }) => ({
        client,
        uniqueName,
        change: 'removed' as const,
      })),
    ],
  };
}

/**
 * Plans the upgrade of an entity's deployment to the next line from the registration this
 * portal recorded: refused (409) for an adopted deployment (its applications lack the
 * uniqueName registration finds them by), while another upgrade is open or one is applied and
 * not finished; a target that lacks what its line needs is a 400 naming the field.
 */
export async function planUpgradeRequest(options: {
  store: RequestStore;
  sink: SecretSink;
  entity: DeploymentEntity;
  to: ChartLine;
  input: UpgradeInput;
  requestId: string;
}): Promise<EntityRequestPlan> {
  const { store, entity } = options;
  const { registration, spec } = await recordedRegistration(
    store,
    entity,
    'what to upgrade',
  );
  if (registration.kind === 'adopt') {
    throw new ConflictError(
      `${entity.entityRef} was adopted (request ${registration.id}): its applications were registered by hand without the uniqueName an upgrade registers them by; upgrade them by hand`,
    );
  }
  if (registration.kind === 'upgrade' && !registration.plan.upgrade?.finished) {
    throw new ConflictError(
      `The upgrade of ${entity.entityRef} to ${registration.plan.upgrade?.to} (request ${registration.id}) is not finished; finish it once that line runs, then upgrade again`,
    );
  }
  await assertNoneOngoing(
    store,
    { kind: 'upgrade', entityRef: entity.entityRef },
    `An upgrade of ${entity.entityRef}`,
  );
  const upgrade = planRegistrationUpgrade(
    registration,
    spec,
    options.to,
    options.input,
  );
  // Stored without client IDs like every registration's spec: the request records them.
  const target: DeploymentSpec = { ...upgrade.spec, clients: {} };
  const plan = buildRequestPlan(
    target,
    options.sink.describe(sinkTarget(options.requestId, target), 'update'),
    registrationOf(registration),
  );
  const added = new Set<string>(
    upgrade.applications.filter(a => a.change === 'added').map(a => a.client),
  );
  return {
    spec: target,
    plan: {
      ...plan,
      // Apply adds secrets for the new applications only; the others keep theirs.
      applications: plan.applications.map(application => ({
        ...application,
        secret: application.secret && added.has(application.client),
      })),
      upgrade: upgradePart(upgrade),
    },
    environment: registration.environment,
    clients: registration.clients,
    objectIds: registration.objectIds,
  };
}
