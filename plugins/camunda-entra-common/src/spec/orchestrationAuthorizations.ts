import type { ChartLine } from './chartLines';

const CRUD = ['CREATE', 'DELETE', 'READ', 'UPDATE'] as const;

// Camunda's "Available resources" table of the Orchestration Cluster authorization docs,
// camunda/camunda-docs versioned_docs/version-8.8/components/concepts/access-control/
// authorizations.md (commit 1299f0f2b59b873c74487d330b7bba8bcd10237b), itself taken from
// camunda/camunda stable/8.8 identity/client/src/pages/authorizations/modals/add-modal/AddModal.tsx.
const RESOURCES_8_8: Readonly<Record<string, readonly string[]>> = {
  AUTHORIZATION: CRUD,
  BATCH: [
    'CREATE',
    'CREATE_BATCH_OPERATION_CANCEL_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_DELETE_DECISION_DEFINITION',
    'CREATE_BATCH_OPERATION_DELETE_DECISION_INSTANCE',
    'CREATE_BATCH_OPERATION_DELETE_PROCESS_DEFINITION',
    'CREATE_BATCH_OPERATION_DELETE_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_MIGRATE_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_MODIFY_PROCESS_INSTANCE',
    'CREATE_BATCH_OPERATION_RESOLVE_INCIDENT',
    'READ',
    'UPDATE',
  ],
  COMPONENT: ['ACCESS'],
  DECISION_DEFINITION: [
    'CREATE_DECISION_INSTANCE',
    'DELETE_DECISION_INSTANCE',
    'READ_DECISION_DEFINITION',
    'READ_DECISION_INSTANCE',
  ],
  DECISION_REQUIREMENTS_DEFINITION: ['READ'],
  DOCUMENT: ['CREATE', 'READ', 'DELETE'],
  GROUP: CRUD,
  MAPPING_RULE: CRUD,
  MESSAGE: ['CREATE', 'READ'],
  PROCESS_DEFINITION: [
    'CANCEL_PROCESS_INSTANCE',
    'CREATE_PROCESS_INSTANCE',
    'DELETE_PROCESS_INSTANCE',
    'MODIFY_PROCESS_INSTANCE',
    'READ_PROCESS_DEFINITION',
    'READ_PROCESS_INSTANCE',
    'READ_USER_TASK',
    'UPDATE_PROCESS_INSTANCE',
    'UPDATE_USER_TASK',
  ],
  RESOURCE: [
    'CREATE',
    'READ',
    'DELETE_DRD',
    'DELETE_FORM',
    'DELETE_PROCESS',
    'DELETE_RESOURCE',
  ],
  ROLE: CRUD,
  SYSTEM: ['READ', 'READ_USAGE_METRIC', 'UPDATE'],
  TENANT: CRUD,
  USER: CRUD,
};

// The same table for 8.9: versioned_docs/version-8.9/.../authorizations.md (commit
// 50a436ed9bf49e8f9671ecea91fd24a5eb514408), from camunda/camunda stable/8.9 AddModal.tsx.
const RESOURCES_8_9: Readonly<Record<string, readonly string[]>> = {
  ...RESOURCES_8_8,
  AUDIT_LOG: ['READ'],
  CLUSTER_VARIABLE: ['CREATE', 'UPDATE', 'DELETE', 'READ'],
  EXPRESSION: ['EVALUATE'],
  GLOBAL_LISTENER: [
    'CREATE_TASK_LISTENER',
    'DELETE_TASK_LISTENER',
    'READ_TASK_LISTENER',
    'UPDATE_TASK_LISTENER',
  ],
  PROCESS_DEFINITION: [
    ...RESOURCES_8_8.PROCESS_DEFINITION,
    'CLAIM_USER_TASK',
    'COMPLETE_USER_TASK',
  ],
  SYSTEM: ['READ', 'READ_JOB_METRIC', 'READ_USAGE_METRIC', 'UPDATE'],
  USER_TASK: ['READ', 'UPDATE', 'CLAIM', 'COMPLETE'],
};

/**
 * The Orchestration Cluster's resource types and the permissions each takes, per chart line,
 * as Camunda documents them for authorizations (and Identity as Code). 8.10 (a preview) has no
 * published table at the snapshot of its chart: it takes 8.9's, which the 8.10 alpha accepts.
 */
export const ORCHESTRATION_RESOURCE_PERMISSIONS: Readonly<
  Record<ChartLine, Readonly<Record<string, readonly string[]>>>
> = { '8.8': RESOURCES_8_8, '8.9': RESOURCES_8_9, '8.10': RESOURCES_8_9 };

const DEFAULT_ROLES_8_9 = [
  'admin',
  'app-integrations',
  'connectors',
  'readonly-admin',
  'rpa',
  'task-worker',
];

/**
 * The Orchestration Cluster's predefined roles per chart line (the "Default roles" table of
 * the same documents); the roles `access.groups[].roles` may name. 8.10 takes 8.9's, as above.
 *
 * @public
 */
export const ORCHESTRATION_DEFAULT_ROLES: Readonly<
  Record<ChartLine, readonly string[]>
> = {
  '8.8': ['admin', 'app-integrations', 'connectors', 'readonly-admin', 'rpa'],
  '8.9': DEFAULT_ROLES_8_9,
  '8.10': DEFAULT_ROLES_8_9,
};
