import type { SpecProblem } from './specProblems';
import {
  ORCHESTRATION_DEFAULT_ROLES,
  ORCHESTRATION_RESOURCE_PERMISSIONS,
} from './orchestrationAuthorizations';
import { asArray, asRecord } from './unparsed';

/** Problems for every entry that repeats an earlier one (compared by `key`). */
function duplicateProblems(
  values: unknown[],
  field: (index: number) => string,
  key: (value: string) => string = value => value,
): SpecProblem[] {
  const first = new Map<string, number>();
  const problems: SpecProblem[] = [];
  values.forEach((value, index) => {
    if (typeof value !== 'string') {
      return;
    }
    const earlier = first.get(key(value));
    if (earlier === undefined) {
      first.set(key(value), index);
    } else {
      problems.push({
        field: field(index),
        message: `repeats ${field(earlier)} (${JSON.stringify(value)})`,
      });
    }
  });
  return problems;
}

function unknownProblems(
  values: unknown[],
  known: readonly string[],
  field: (index: number) => string,
  what: string,
): SpecProblem[] {
  return values.flatMap((value, index) =>
    typeof value === 'string' && !known.includes(value)
      ? [
          {
            field: field(index),
            message: `is not ${what}; use one of ${known.join(', ')}`,
          },
        ]
      : [],
  );
}

/**
 * Rules for `machineClients`, `access` and `clients.machine` that span fields or depend on
 * the chart line (which resource types, permissions and roles exist). Reads its input
 * defensively: it also sees unparsed input.
 */
export function accessProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const machineClients = asArray(spec.machineClients).map(asRecord);
  const groups = asArray(asRecord(spec.access).groups).map(asRecord);
  const chart = String(spec.chart);
  const resources = Object.hasOwn(ORCHESTRATION_RESOURCE_PERMISSIONS, chart)
    ? ORCHESTRATION_RESOURCE_PERMISSIONS[chart as '8.8']
    : undefined;
  const roles = Object.hasOwn(ORCHESTRATION_DEFAULT_ROLES, chart)
    ? ORCHESTRATION_DEFAULT_ROLES[chart as '8.8']
    : undefined;
  const problems: SpecProblem[] = [];

  if (
    (machineClients.length > 0 || groups.length > 0) &&
    asRecord(spec.components).orchestration === undefined
  ) {
    problems.push({
      field: machineClients.length > 0 ? 'machineClients' : 'access.groups',
      message:
        'needs the Orchestration Cluster (components.orchestration): its authorizations and roles are what they grant',
    });
  }

  problems.push(
    ...duplicateProblems(
      machineClients.map(client => client.name),
      index => `machineClients.${index}.name`,
    ),
  );
  machineClients.forEach((client, index) => {
    asArray(client.authorizations)
      .map(asRecord)
      .forEach((authorization, position) => {
        const field = `machineClients.${index}.authorizations.${position}`;
        const type = authorization.resourceType;
        const permissions = asArray(authorization.permissions);
        problems.push(
          ...duplicateProblems(
            permissions,
            entry => `${field}.permissions.${entry}`,
          ),
        );
        if (!resources || typeof type !== 'string') {
          return;
        }
        if (!Object.hasOwn(resources, type)) {
          problems.push({
            field: `${field}.resourceType`,
            message: `is not a resource type of Camunda ${chart}; use one of ${Object.keys(
              resources,
            )
              .sort()
              .join(', ')}`,
          });
          return;
        }
        problems.push(
          ...unknownProblems(
            permissions,
            resources[type],
            entry => `${field}.permissions.${entry}`,
            `a permission on ${type} in Camunda ${chart}`,
          ),
        );
      });
  });

  problems.push(
    ...duplicateProblems(
      groups.map(group => group.id),
      index => `access.groups.${index}.id`,
      id => id.toLowerCase(),
    ),
  );
  groups.forEach((group, index) => {
    const field = (entry: number) => `access.groups.${index}.roles.${entry}`;
    const named = asArray(group.roles);
    problems.push(...duplicateProblems(named, field));
    if (roles) {
      problems.push(
        ...unknownProblems(
          named,
          roles,
          field,
          `a default role of Camunda ${chart}`,
        ),
      );
    }
  });

  const names = new Set(machineClients.map(client => client.name));
  for (const key of Object.keys(asRecord(asRecord(spec.clients).machine))) {
    if (!names.has(key)) {
      problems.push({
        field: `clients.machine.${key}`,
        message: 'is set but machineClients has no client of that name',
      });
    }
  }
  return problems;
}

/** Machine clients without a client ID, which generating values needs. */
export function missingMachineClientProblems(input: unknown): SpecProblem[] {
  const spec = asRecord(input);
  const registered = asRecord(asRecord(spec.clients).machine);
  return asArray(spec.machineClients)
    .map(client => asRecord(client).name)
    .filter(
      (name): name is string =>
        typeof name === 'string' && registered[name] === undefined,
    )
    .map(name => ({
      field: `clients.machine.${name}`,
      message:
        'is required to generate values: register the machine client first, or fill in its application (client) ID',
    }));
}
