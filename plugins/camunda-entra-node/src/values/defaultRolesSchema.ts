import {
  ChartLine,
  ORCHESTRATION_DEFAULT_ROLES,
} from '@camunda-entra/plugin-camunda-entra-common';

const MEMBER_LIST = { type: 'array', items: { type: 'string' } };

// What Camunda binds each role of `camunda.security.initialization.default-roles` to: a map of
// member kind to IDs (InitializationConfiguration, Map<String, Map<String, Collection<String>>>).
const ROLE_MEMBERS = {
  type: 'object',
  properties: {
    users: MEMBER_LIST,
    clients: MEMBER_LIST,
    groups: MEMBER_LIST,
    mappingRules: MEMBER_LIST,
  },
};

/**
 * Declares `orchestration.security.initialization.defaultRoles` as the chart uses it, before
 * the schema is made strict. Both lines' values.yaml call it a dictionary that "more roles can
 * be added to" and both templates render it verbatim into Camunda's `default-roles`, but the
 * schemas declare only `admin` and `connectors`, and on 8.9 without `mappingRules`. Strictly
 * checked as they are, no group could get a role; with this, role names are limited to the
 * line's default roles and each role to Camunda's member kinds.
 */
export function withDefaultRoleMembers(
  schema: object,
  line: ChartLine,
): object {
  const copy = structuredClone(schema) as any;
  const node =
    copy.properties?.orchestration?.properties?.security?.properties
      ?.initialization?.properties?.defaultRoles;
  if (!node) {
    throw new Error(
      `the ${line} chart schema no longer declares orchestration.security.initialization.defaultRoles`,
    );
  }
  const declared = node.properties ?? {};
  node.properties = Object.fromEntries(
    Object.entries(declared).map(([role, roleSchema]: [string, any]) => [
      role,
      {
        ...roleSchema,
        properties: { ...ROLE_MEMBERS.properties, ...roleSchema.properties },
      },
    ]),
  );
  node.additionalProperties = ROLE_MEMBERS;
  node.propertyNames = { enum: [...ORCHESTRATION_DEFAULT_ROLES[line]] };
  return copy;
}
