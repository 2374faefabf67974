import { ChartLine } from '@camunda-entra/plugin-camunda-entra-common';
import {
  EntraSandbox,
  EntraSandboxOptions,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import { Person } from './harness';

const DOMAIN = 'conformance.onmicrosoft.com';
const GROUP_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
/** The role the spec gives the group's members. */
const GROUP_ROLE = 'readonly-admin';

/** The directory the golden deployments sign their people in from. */
const DIRECTORY: Pick<EntraSandboxOptions, 'users' | 'groups'> = {
  users: [
    {
      id: '1a2b3c4d-0000-4000-8000-00000000c0a1',
      userPrincipalName: `ada@${DOMAIN}`,
      displayName: 'Ada Admin',
      mail: `ada@${DOMAIN}`,
    },
    {
      id: '1a2b3c4d-0000-4000-8000-00000000c0a2',
      userPrincipalName: `gus@${DOMAIN}`,
      displayName: 'Gus Groupmember',
      mail: `gus@${DOMAIN}`,
    },
  ],
  groups: [
    {
      id: GROUP_ID,
      displayName: 'Camunda operators',
      mailNickname: 'camunda-operators',
      securityEnabled: true,
      mailEnabled: false,
      members: ['1a2b3c4d-0000-4000-8000-00000000c0a2'],
    },
  ],
};

/** The administrator (by username) and the group member (by mapping rule), with their roles. */
export const PEOPLE: Person[] = [
  { upn: `ada@${DOMAIN}`, roles: ['admin'] },
  { upn: `gus@${DOMAIN}`, roles: [GROUP_ROLE] },
];

/** A sandbox with the golden directory, for one test file. */
export function startConformanceSandbox(): Promise<EntraSandbox> {
  return startEntraSandbox(DIRECTORY);
}

/** A PostgreSQL database outside the chart (8.10 bundles none), password in the Camunda Secret. */
function externalDatabase(name: string) {
  return {
    host: 'postgres.example.com',
    database: name,
    username: name,
    password: { name: 'camunda-credentials', key: `${name}-db-password` },
  };
}

/**
 * The golden spec of a line in the sandbox's tenant: every component the line has, two machine
 * clients and a group with a role. 8.10 has Camunda Hub instead of Web Modeler and Console, and
 * no bundled databases.
 */
export function goldenSpecInput(
  line: ChartLine,
  sandbox: EntraSandbox,
  name = `golden-${line.replace('.', '-')}`,
): Record<string, any> {
  const preview = line === '8.10';
  return {
    name,
    namespace: `${name}-camunda`,
    chart: line,
    tenant: {
      id: sandbox.tenantId,
      authorityHost: sandbox.authorityHost,
      graphUrl: sandbox.url,
    },
    components: {
      orchestration: { url: 'https://camunda.example.com' },
      connectors: {},
      identity: { url: 'https://identity.example.com' },
      optimize: { url: 'https://optimize.example.com' },
      ...(preview
        ? { camundaHub: { url: 'https://hub.example.com' } }
        : {
            webModeler: { url: 'https://modeler.example.com' },
            console: { url: 'https://console.example.com' },
          }),
    },
    machineClients: [
      {
        name: 'payments-worker',
        authorizations: [
          {
            resourceType: 'PROCESS_DEFINITION',
            resourceId: 'payment-process',
            permissions: ['READ_PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE'],
          },
        ],
      },
      {
        name: 'ci-deployer',
        authorizations: [
          {
            resourceType: 'RESOURCE',
            resourceId: '*',
            permissions: ['CREATE', 'READ'],
          },
        ],
      },
    ],
    access: { groups: [{ id: GROUP_ID, roles: [GROUP_ROLE] }] },
    admins: [PEOPLE[0].upn],
    ...(preview
      ? {
          camundaHub: { fromAddress: 'noreply@example.com' },
          databases: {
            identity: externalDatabase('identity'),
            camundaHub: externalDatabase('hub'),
          },
          secondaryStorage: {
            type: 'externalElasticsearch',
            url: 'https://search.example.com:9200',
          },
        }
      : { webModeler: { fromAddress: 'noreply@example.com' } }),
  };
}
