import type { Entity } from '@backstage/catalog-model';
import {
  CAMUNDA_ENTRA_ANNOTATIONS,
  clientIdAnnotation,
  ComponentEntraStatus,
  DeploymentEntraStatus,
  SecretCredentialStatus,
} from '@camunda-entra/plugin-camunda-entra-common';

/** The catalog entity the values generator writes for the `payments` deployment. */
export function createDeploymentEntity(
  annotations: Record<string, string> = {
    [CAMUNDA_ENTRA_ANNOTATIONS.deployment]: 'payments',
    [clientIdAnnotation('orchestration')]:
      '11111111-1111-1111-1111-111111111111',
  },
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'camunda-payments', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

/** A healthy web application with one secret; override what a test needs. */
export function createComponentStatus(
  overrides: Partial<ComponentEntraStatus> = {},
): ComponentEntraStatus {
  return {
    client: 'orchestration',
    appId: '11111111-1111-1111-1111-111111111111',
    found: true,
    displayName: 'Camunda payments Orchestration Cluster',
    objectId: 'aaaaaaaa-0000-0000-0000-000000000001',
    expectedPlatform: 'web',
    actualPlatform: 'web',
    redirectUris: {
      expected: ['https://payments.example.com/sso-callback'],
      actual: ['https://payments.example.com/sso-callback'],
      missing: [],
      unexpected: [],
    },
    accessTokenVersion2: true,
    preferredUsernameClaim: true,
    servicePrincipal: true,
    drift: [],
    secrets: [
      {
        keyId: 'key-orchestration',
        displayName: 'camunda-entra',
        hint: 'abc',
        startDateTime: '2026-01-01T00:00:00.000Z',
        endDateTime: '2027-06-30T00:00:00.000Z',
        daysLeft: 400,
        status: 'ok',
      },
    ],
    problems: [],
    health: 'ok',
    portalUrl:
      'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/11111111-1111-1111-1111-111111111111',
    ...overrides,
  };
}

/** The status of the `payments` deployment with the given components. */
export function createDeploymentStatus(
  overrides: Partial<DeploymentEntraStatus> = {},
): DeploymentEntraStatus {
  return {
    entityRef: 'component:default/camunda-payments',
    deployment: 'payments',
    tenantId: '00000000-0000-0000-0000-0000000000aa',
    components: [createComponentStatus()],
    health: 'ok',
    fetchedAt: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A client secret that ends in the given number of days, with the status that goes with it. */
export function createSecretStatus(
  keyId: string,
  daysLeft: number,
  status: SecretCredentialStatus['status'] = 'ok',
): SecretCredentialStatus {
  const end = Date.parse('2026-03-01T10:00:00.000Z') + daysLeft * 86_400_000;
  return {
    keyId,
    endDateTime: new Date(end).toISOString(),
    daysLeft,
    status,
  };
}
