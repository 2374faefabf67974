import type {
  CamundaEntraApi,
  CamundaEntraRequest,
  CamundaEntraRequestFields,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * A pending provisioning request with a two-application plan; override what a test needs (of
 * the spec, the fields that differ).
 */
export function createRequest(
  overrides: Partial<CamundaEntraRequestFields> & {
    spec?: Partial<DeploymentSpec>;
  } = {},
): CamundaEntraRequest {
  const { spec, ...fields } = overrides;
  return {
    id: 'req-1',
    kind: 'provision',
    state: 'pending',
    spec: {
      name: 'payments',
      namespace: 'payments-dev',
      release: 'camunda',
      chart: '8.8',
      tenant: { id: '6f1c2f43-0000-4000-8000-00000000000a', cloud: 'global' },
      components: {
        orchestration: { url: 'https://payments.example.com' },
        webModeler: { url: 'https://modeler.example.com' },
      },
      clients: {},
      admins: ['jane@example.com'],
      claims: { username: 'preferred_username', clientId: 'azp' },
      secrets: { entra: 'entra-credentials', camunda: 'camunda-credentials' },
      secretLifetimeDays: 180,
      ...spec,
    },
    plan: {
      registration: { kind: 'new' },
      applications: [
        {
          client: 'orchestration',
          displayName: 'Camunda payments Orchestration',
          uniqueName: 'camunda-payments-orchestration',
          platform: 'web',
          redirectUris: ['https://payments.example.com/sso-callback'],
          apiPermissions: ['openid', 'profile', 'offline_access'],
          secret: true,
        },
        {
          client: 'webModelerUi',
          displayName: 'Camunda payments Web Modeler UI',
          uniqueName: 'camunda-payments-web-modeler-ui',
          platform: 'spa',
          redirectUris: ['https://modeler.example.com/login-callback'],
          apiPermissions: ['email'],
          secret: false,
        },
      ],
      secretLifetimeDays: 180,
      secretDestination: 'Kubernetes Secret payments-dev/entra-credentials',
    },
    requester: 'user:default/jane',
    entityRef: 'component:default/payments',
    clients: {},
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    history: [
      {
        state: 'pending',
        actor: 'user:default/jane',
        at: '2026-03-01T10:00:00.000Z',
        comment: 'For the payments team',
      },
    ],
    ...fields,
  };
}

/** A CamundaEntraApi whose every method is a jest mock. */
export function mockCamundaEntraApi(): jest.Mocked<CamundaEntraApi> {
  return {
    listRequests: jest.fn(),
    getRequest: jest.fn(),
    createRequest: jest.fn(),
    approveRequest: jest.fn(),
    rejectRequest: jest.fn(),
    retryRequest: jest.fn(),
    requestSecretRotation: jest.fn(),
    requestRepair: jest.fn(),
    requestTransfer: jest.fn(),
    requestUpgrade: jest.fn(),
    finishUpgrade: jest.fn(),
    getEntityStatus: jest.fn(),
    verifySignIn: jest.fn(),
    findAdoptionCandidates: jest.fn(),
    listDeployments: jest.fn(),
    getExpiryTimeline: jest.fn(),
  };
}
