import {
  DeploymentSpec,
  deploymentEntityName,
  formatSpecProblems,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { PLUGIN_ACTOR } from '../actors';
import {
  NewRequest,
  RequestStore,
  StoredRequest,
} from '../database/RequestStore';
import { buildRequestPlan } from '../provisioning/requestPlan';

/**
 * Stores a provisioning request for `spec` that went through approval and registered
 * `applications`, as the provisioner leaves it; by default for the entity the values generator
 * names (see deploymentEntity), owned by payments-team as that entity is.
 */
export async function recordProvisionedRequest(
  store: RequestStore,
  spec: DeploymentSpec,
  applications: Array<{ client: string; appId: string; objectId: string }>,
  options: {
    entityRef?: string;
    requester?: string;
    owner?: string;
    /** `adopt`: applications registered by hand, recorded by an adoption. */
    kind?: 'provision' | 'adopt';
  } = {},
): Promise<StoredRequest> {
  const id = randomUUID();
  const requester = options.requester ?? 'user:default/alice';
  const owner = options.owner ?? 'group:default/payments-team';
  await store.create({
    id,
    kind: options.kind ?? 'provision',
    spec,
    plan: {
      ...buildRequestPlan(spec, 'memory', { kind: 'new' }),
      ownership: { owner },
    },
    requester,
    entityRef:
      options.entityRef ??
      `component:default/${deploymentEntityName(spec.name)}`,
    events: [
      { state: 'pending', actor: requester },
      { state: 'approved', actor: 'user:default/bob' },
    ],
    // A name provisioned again keeps its first reservation and owner.
    ...(!(await store.getDeployment({
      name: spec.name,
      tenantId: spec.tenant.id,
    })) && { reserve: { owner } }),
  });
  await store.transition(id, {
    from: ['approved'],
    to: 'provisioning',
    actor: PLUGIN_ACTOR,
  });
  await store.beginRegistration(id);
  await store.recordApplications(id, {
    clients: Object.fromEntries(applications.map(a => [a.client, a.appId])),
    objectIds: Object.fromEntries(
      applications.map(a => [a.client, a.objectId]),
    ),
  });
  return store.transition(id, {
    from: ['provisioning'],
    to: 'provisioned',
    actor: PLUGIN_ACTOR,
  });
}

/**
 * Replaces a stored request's spec with JSON as an earlier release may have stored it, which
 * this one need not accept.
 */
export async function storeSpecAsEarlierRelease(
  knex: Knex,
  requestId: string,
  spec: Record<string, unknown>,
): Promise<void> {
  await knex('camunda_entra_requests')
    .where({ id: requestId })
    .update({ spec: JSON.stringify(spec) });
}

/**
 * A small valid spec, parsed as requests store it: the deployment payments with an Orchestration
 * Cluster; override what a test needs.
 */
export function testSpec(
  overrides: Record<string, unknown> = {},
): DeploymentSpec {
  const result = validateDeploymentSpec({
    name: 'payments',
    namespace: 'payments',
    chart: '8.8',
    tenant: { id: '6f1c2f43-0000-4000-8000-00000000000a' },
    components: { orchestration: { url: 'https://payments.example.com' } },
    admins: ['alice@example.com'],
    ...overrides,
  });
  if (!result.valid) {
    throw new Error(
      `invalid test spec: ${formatSpecProblems(result.problems)}`,
    );
  }
  return result.spec;
}

/** A request to store directly, pending by default, with a trivial plan. */
export function newRequest(overrides: Partial<NewRequest> = {}): NewRequest {
  return {
    id: randomUUID(),
    kind: 'provision',
    spec: testSpec(),
    plan: {
      applications: [],
      secretLifetimeDays: 180,
      secretDestination: 'a local file',
    },
    requester: 'user:default/alice',
    events: [{ state: 'pending', actor: 'user:default/alice' }],
    ...overrides,
  };
}
