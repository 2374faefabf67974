import { DeploymentSpec } from '@camunda-entra/plugin-camunda-entra-common';
import type { HelmValues } from './buildValues';

/** Entra puts group object IDs into the `groups` claim, lower-case. */
const GROUPS_CLAIM = 'groups';

/** The ID of the mapping rule that matches members of an Entra group. */
export function groupMappingRuleId(groupId: string): string {
  return `entra-group-${groupId.toLowerCase()}`;
}

/**
 * `orchestration.security.initialization`: the default roles (admins, the Connectors client
 * and the roles of the spec's groups through their mapping rules), one mapping rule per group
 * on the `groups` claim, and the machine clients' authorizations (`ownerType: CLIENT`, owner
 * the client ID, which the Orchestration Cluster reads from the client ID claim).
 */
export function orchestrationInitialization(
  spec: DeploymentSpec,
  orchestrationClientId: string,
): HelmValues {
  const groups = spec.access?.groups ?? [];
  const rulesOf = (role: string) =>
    groups
      .filter(group => group.roles.includes(role))
      .map(group => groupMappingRuleId(group.id));
  const withRules = (role: string, members: HelmValues) => {
    const mappingRules = rulesOf(role);
    return mappingRules.length > 0 ? { ...members, mappingRules } : members;
  };

  const defaultRoles: HelmValues = {
    admin: withRules('admin', { users: [...spec.admins] }),
    // Replaces the chart default, a basic-auth user and client that do not exist in Entra.
    connectors: withRules('connectors', {
      users: [],
      clients: spec.components.connectors ? [orchestrationClientId] : [],
    }),
  };
  for (const role of new Set(groups.flatMap(group => group.roles))) {
    defaultRoles[role] ??= withRules(role, {});
  }

  const initialization: HelmValues = { defaultRoles };
  if (groups.length > 0) {
    initialization.mappingRules = groups.map(group => ({
      mappingRuleId: groupMappingRuleId(group.id),
      claimName: GROUPS_CLAIM,
      claimValue: group.id.toLowerCase(),
    }));
  }
  const authorizations = (spec.machineClients ?? []).flatMap(client =>
    client.authorizations.map(authorization => ({
      ownerType: 'CLIENT',
      ownerId: machineClientId(spec, client.name),
      resourceType: authorization.resourceType,
      resourceId: authorization.resourceId,
      permissions: [...authorization.permissions],
    })),
  );
  if (authorizations.length > 0) {
    initialization.authorizations = authorizations;
  }
  return initialization;
}

function machineClientId(spec: DeploymentSpec, name: string): string {
  const id = spec.clients.machine?.[name];
  if (!id) {
    throw new Error(
      `clients.machine.${name} is missing; validate the spec with requireClients first`,
    );
  }
  return id;
}
