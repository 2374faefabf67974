import { validateDeploymentSpec } from './deploymentSpec';
import type { DeploymentSpecInput } from './types';

const WORKER_ID = '00000000-0000-4000-8000-0000000000a1';
const GROUP_ID = '5d1c0e7b-2a4f-4c3e-9b8a-1f2e3d4c5b6a';

function specWithAccess(
  change: (spec: DeploymentSpecInput) => void = () => {},
): DeploymentSpecInput {
  const spec: DeploymentSpecInput = {
    name: 'payments',
    namespace: 'payments-camunda',
    chart: '8.9',
    tenant: { id: '6f1c2f43-1111-4222-8333-444455556666' },
    components: { orchestration: {} },
    clients: {
      orchestration: '00000000-0000-4000-8000-000000000001',
      machine: { 'payments-worker': WORKER_ID },
    },
    admins: ['alice@example.com'],
    machineClients: [
      {
        name: 'payments-worker',
        authorizations: [
          {
            resourceType: 'PROCESS_DEFINITION',
            resourceId: '*',
            permissions: ['READ_PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE'],
          },
        ],
      },
    ],
    access: { groups: [{ id: GROUP_ID, roles: ['admin'] }] },
  };
  change(spec);
  return spec;
}

function problemsOf(input: unknown, requireClients = false) {
  const result = validateDeploymentSpec(input, { requireClients });
  return result.valid ? [] : result.problems;
}

describe('machine clients and group access in the deployment spec', () => {
  it('accepts machine clients, groups and their client IDs', () => {
    const result = validateDeploymentSpec(specWithAccess(), {
      requireClients: true,
    });
    expect(result).toEqual({
      valid: true,
      spec: expect.objectContaining({
        machineClients: specWithAccess().machineClients,
        access: specWithAccess().access,
        clients: expect.objectContaining({
          machine: { 'payments-worker': WORKER_ID },
        }),
      }),
    });
  });

  it('rejects resource types and permissions the chart line does not have', () => {
    const spec = specWithAccess(s => {
      s.chart = '8.8';
      s.machineClients![0].authorizations.push(
        {
          resourceType: 'CLUSTER_VARIABLE',
          resourceId: '*',
          permissions: ['READ'],
        },
        {
          resourceType: 'PROCESS_DEFINITION',
          resourceId: 'order-process',
          permissions: ['COMPLETE_USER_TASK', 'READ_PROCESS_INSTANCE'],
        },
      );
    });
    expect(problemsOf(spec)).toEqual([
      {
        field: 'machineClients.0.authorizations.1.resourceType',
        message: expect.stringMatching(
          /^is not a resource type of Camunda 8\.8; use one of AUTHORIZATION, BATCH, .*USER$/,
        ),
      },
      {
        field: 'machineClients.0.authorizations.2.permissions.0',
        message: expect.stringMatching(
          /^is not a permission on PROCESS_DEFINITION in Camunda 8\.8; use one of CANCEL_PROCESS_INSTANCE, /,
        ),
      },
    ]);
    // Both exist on 8.9.
    expect(problemsOf({ ...spec, chart: '8.9' })).toEqual([]);
  });

  it('rejects repeated names, permissions, group IDs and roles', () => {
    const spec = specWithAccess(s => {
      s.machineClients!.push({
        name: 'payments-worker',
        authorizations: [
          {
            resourceType: 'MESSAGE',
            resourceId: '*',
            permissions: ['CREATE', 'CREATE'],
          },
        ],
      });
      s.access!.groups!.push({
        id: GROUP_ID.toUpperCase(),
        roles: ['rpa', 'rpa'],
      });
    });
    expect(problemsOf(spec)).toEqual([
      {
        field: 'machineClients.1.name',
        message: 'repeats machineClients.0.name ("payments-worker")',
      },
      {
        field: 'machineClients.1.authorizations.0.permissions.1',
        message:
          'repeats machineClients.1.authorizations.0.permissions.0 ("CREATE")',
      },
      {
        field: 'access.groups.1.id',
        message: `repeats access.groups.0.id ("${GROUP_ID.toUpperCase()}")`,
      },
      {
        field: 'access.groups.1.roles.1',
        message: 'repeats access.groups.1.roles.0 ("rpa")',
      },
    ]);
  });

  it('rejects group IDs that are not GUIDs and roles the chart line does not have', () => {
    const spec = specWithAccess(s => {
      s.chart = '8.8';
      s.access = {
        groups: [
          { id: 'payments-team', roles: ['admin'] },
          { id: GROUP_ID, roles: ['task-worker', 'owner'] },
        ],
      };
    });
    expect(problemsOf(spec)).toEqual([
      {
        field: 'access.groups.0.id',
        message: 'must be a GUID such as 6f1c2f43-0000-4000-8000-000000000000',
      },
      {
        field: 'access.groups.1.roles.0',
        message:
          'is not a default role of Camunda 8.8; use one of admin, app-integrations, connectors, readonly-admin, rpa',
      },
      {
        field: 'access.groups.1.roles.1',
        message:
          'is not a default role of Camunda 8.8; use one of admin, app-integrations, connectors, readonly-admin, rpa',
      },
    ]);
  });

  it('checks the shape of machine clients', () => {
    const spec = specWithAccess(s => {
      s.machineClients = [
        { name: 'Payments_Worker', authorizations: [] },
        {
          name: 'ci',
          authorizations: [
            { resourceType: 'process', resourceId: 'a b', permissions: [] },
          ],
        },
      ];
      s.clients!.machine = { ci: WORKER_ID };
    });
    expect(problemsOf(spec)).toEqual([
      {
        field: 'machineClients.0.name',
        message: expect.stringMatching(/^must be a DNS label/),
      },
      {
        field: 'machineClients.0.authorizations',
        message: 'must grant at least one authorization',
      },
      {
        field: 'machineClients.1.authorizations.0.resourceType',
        message: 'must be a Camunda resource type such as PROCESS_DEFINITION',
      },
      {
        field: 'machineClients.1.authorizations.0.resourceId',
        message:
          'must be a resource ID (e.g. a BPMN process ID) or "*" for all',
      },
      {
        field: 'machineClients.1.authorizations.0.permissions',
        message: 'must name at least one permission',
      },
      {
        field: 'machineClients.1.authorizations.0.resourceType',
        message: expect.stringMatching(
          /^is not a resource type of Camunda 8\.9; use one of AUDIT_LOG, /,
        ),
      },
    ]);
  });

  it('needs the Orchestration Cluster', () => {
    const spec = specWithAccess(s => {
      s.components = { identity: {} };
      s.clients = {
        identity: '00000000-0000-4000-8000-000000000002',
        machine: { 'payments-worker': WORKER_ID },
      };
    });
    expect(problemsOf(spec)).toEqual([
      {
        field: 'machineClients',
        message:
          'needs the Orchestration Cluster (components.orchestration): its authorizations and roles are what they grant',
      },
    ]);
  });

  it('matches clients.machine to the machine clients', () => {
    const unregistered = specWithAccess(s => {
      s.clients!.machine = { 'old-worker': WORKER_ID };
    });
    expect(problemsOf(unregistered)).toEqual([
      {
        field: 'clients.machine.old-worker',
        message: 'is set but machineClients has no client of that name',
      },
    ]);
    expect(problemsOf(unregistered, true)).toContainEqual({
      field: 'clients.machine.payments-worker',
      message:
        'is required to generate values: register the machine client first, or fill in its application (client) ID',
    });
  });
});
