import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  CamundaEntraApi,
  CamundaEntraRequest,
  CamundaEntraRequestFields,
  DeploymentSpec,
  formatSpecProblems,
  RequestEvent,
  validateDeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import { createCamundaEntraRequestAction } from './request';

const SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.9',
  components: { orchestration: {}, connectors: {}, identity: {}, optimize: {} },
  admins: ['alice@example.com'],
};

const TENANT = { id: '6f1c2f43-0000-4000-8000-000000000001' };

/** The spec as the backend stores and returns it: parsed, defaults applied. */
const STORED = parsed({ ...SPEC, tenant: TENANT });

function parsed(input: Record<string, unknown>): DeploymentSpec {
  const result = validateDeploymentSpec(input);
  if (!result.valid) {
    throw new Error(formatSpecProblems(result.problems));
  }
  return result.spec;
}

function requestIn(
  state: CamundaEntraRequest['state'],
  history: RequestEvent[],
  extra: Partial<CamundaEntraRequestFields> = {},
): CamundaEntraRequest {
  return {
    id: 'r1',
    kind: 'provision',
    state,
    spec: STORED,
    plan: { applications: [], secretLifetimeDays: 180, secretDestination: '' },
    requester: 'user:default/mock',
    clients: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    history,
    ...extra,
  };
}

const at = '2026-01-01T00:00:00.000Z';
const pending = requestIn('pending', [
  { state: 'pending', actor: 'user:default/mock', at, comment: 'requested' },
]);
const approved = requestIn('approved', [
  ...pending.history,
  { state: 'approved', actor: 'user:default/bob', at, comment: 'ok' },
]);
const provisioning = requestIn('provisioning', [
  ...approved.history,
  {
    state: 'provisioning',
    actor: 'plugin:camunda-entra',
    at,
    comment: 'registering Optimize',
  },
]);
const provisioned = requestIn(
  'provisioned',
  [
    ...provisioning.history,
    {
      state: 'provisioned',
      actor: 'plugin:camunda-entra',
      at,
      comment: 'done',
    },
  ],
  {
    clients: { orchestration: 'app-1', identity: 'app-2', optimize: 'app-3' },
    secrets: { optimize: { keyId: 'k', endDateTime: at } },
  },
);

/** Answers getRequest with the given states in turn, repeating the last one. */
function fakeClient(states: CamundaEntraRequest[]) {
  let index = 0;
  const client: CamundaEntraApi = {
    listRequests: async () => ({ items: [] }),
    getRequest: async () => states[Math.min(index++, states.length - 1)],
    createRequest: async () => pending,
    approveRequest: async () => approved,
    rejectRequest: async () => approved,
    retryRequest: async () => approved,
    requestSecretRotation: async () => approved,
    requestRepair: async () => approved,
    requestTransfer: async () => approved,
    requestUpgrade: async () => approved,
    finishUpgrade: async () => approved,
    getEntityStatus: async () => {
      throw new Error('not used');
    },
    verifySignIn: async () => {
      throw new Error('not used');
    },
    listDeployments: async () => {
      throw new Error('not used');
    },
    getExpiryTimeline: async () => {
      throw new Error('not used');
    },
    findAdoptionCandidates: async () => {
      throw new Error('not used');
    },
  };
  return {
    ...client,
    getRequest: jest.fn(client.getRequest),
    createRequest: jest.fn(client.createRequest),
    retryRequest: jest.fn(client.retryRequest),
  };
}

describe('camunda:entra:request', () => {
  const auth = mockServices.auth();

  type Input = Parameters<
    ReturnType<typeof createCamundaEntraRequestAction>['handler']
  >[0]['input'];

  function setup(client: CamundaEntraApi, input: Partial<Input>) {
    const action = createCamundaEntraRequestAction({
      client,
      auth,
      pollIntervalMs: 1,
    });
    const ctx = createMockActionContext() as unknown as Parameters<
      typeof action.handler
    >[0];
    ctx.input = { spec: {}, timeoutMinutes: 60, ...input };
    const logged: string[] = [];
    jest
      .spyOn(ctx.logger, 'info')
      .mockImplementation(((message: string) => logged.push(message)) as any);
    return { action, ctx, logged };
  }

  it('creates the request on behalf of the initiator, logs its progress and outputs client IDs', async () => {
    const client = fakeClient([pending, approved, provisioning, provisioned]);
    const getPluginRequestToken = jest.spyOn(auth, 'getPluginRequestToken');
    const { action, ctx, logged } = setup(client, {
      spec: SPEC,
      environment: 'development',
    });

    await action.handler(ctx);

    expect(client.createRequest).toHaveBeenCalledTimes(1);
    expect(client.createRequest).toHaveBeenCalledWith(
      {
        spec: SPEC,
        entityRef: 'component:default/camunda-payments',
        environment: 'development',
        kind: 'provision',
      },
      { token: expect.any(String) },
    );
    expect(getPluginRequestToken).toHaveBeenCalledWith({
      onBehalfOf: mockCredentials.user(),
      targetPluginId: 'camunda-entra',
    });
    expect(logged).toEqual([
      'Provisioning request r1',
      'Requested by user:default/mock; waiting for approval by the platform team',
      'Approved by user:default/bob: ok',
      'registering Optimize',
      'done',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'r1');
    expect(ctx.output).toHaveBeenCalledWith('clients', provisioned.clients);
    expect(ctx.output).toHaveBeenCalledWith('spec', {
      ...STORED,
      clients: provisioned.clients,
    });
    expect(JSON.stringify((ctx.output as jest.Mock).mock.calls)).not.toContain(
      'keyId',
    );
  });

  it('passes the owner to record for a deployment whose entity does not exist yet', async () => {
    const client = fakeClient([provisioned]);
    const { action, ctx } = setup(client, {
      spec: SPEC,
      owner: 'group:default/payments-team',
    });

    await action.handler(ctx);

    expect(client.createRequest).toHaveBeenCalledWith(
      {
        spec: SPEC,
        entityRef: 'component:default/camunda-payments',
        owner: 'group:default/payments-team',
        kind: 'provision',
      },
      { token: expect.any(String) },
    );
  });

  it('fails with the approver comment when rejected', async () => {
    const rejected = requestIn('rejected', [
      ...pending.history,
      {
        state: 'rejected',
        actor: 'user:default/bob',
        at,
        comment: 'use the shared cluster',
      },
    ]);
    const { action, ctx } = setup(fakeClient([pending, rejected]), {
      spec: SPEC,
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      'The platform team rejected the request (user:default/bob): use the shared cluster',
    );
  });

  it('fails with the reason when registration fails while it waits', async () => {
    const failed = requestIn('failed', approved.history, {
      failureReason: 'Graph said no',
    });
    const client = fakeClient([approved, failed]);
    const { action, ctx } = setup(client, { spec: SPEC });

    await expect(action.handler(ctx)).rejects.toThrow(
      'Registration failed: Graph said no. Retry this task to retry the request.',
    );
    expect(client.retryRequest).not.toHaveBeenCalled();
  });

  it('gives up after the timeout', async () => {
    const { action, ctx } = setup(fakeClient([pending]), {
      spec: SPEC,
      timeoutMinutes: 1,
    });
    const now = Date.now();
    jest
      .spyOn(Date, 'now')
      .mockReturnValueOnce(now)
      .mockReturnValue(now + 61_000);

    await expect(action.handler(ctx)).rejects.toThrow(
      'Request r1 is still pending after 1 minutes; retry this task to keep waiting',
    );
  });

  it('never creates a second request when the task is retried, and retries a failed request', async () => {
    const checkpoints = new Map<string, unknown>();
    const checkpoint = async ({ key, fn }: { key: string; fn: () => any }) => {
      if (!checkpoints.has(key)) checkpoints.set(key, await fn());
      return checkpoints.get(key);
    };
    const failed = requestIn('failed', approved.history, {
      failureReason: 'timeout',
    });

    const first = setup(fakeClient([pending, approved, failed]), {
      spec: SPEC,
    });
    first.ctx.checkpoint = checkpoint as any;
    await expect(first.action.handler(first.ctx)).rejects.toThrow(
      'Registration failed: timeout',
    );

    const client = fakeClient([failed, provisioning, provisioned]);
    const second = setup(client, { spec: SPEC });
    second.ctx.checkpoint = checkpoint as any;
    await second.action.handler(second.ctx);

    expect(client.createRequest).not.toHaveBeenCalled();
    expect(client.retryRequest).toHaveBeenCalledWith('r1', {
      token: expect.any(String),
    });
    expect(second.logged).toContain('Retrying the failed request (timeout)');
    expect(second.ctx.output).toHaveBeenCalledWith('requestId', 'r1');
  });

  it('in a dry run validates the spec and outputs placeholder client IDs without calling the backend', async () => {
    const client = fakeClient([pending]);
    const { action, ctx } = setup(client, { spec: SPEC });
    ctx.isDryRun = true;

    await action.handler(ctx);

    expect(client.createRequest).not.toHaveBeenCalled();
    expect(client.getRequest).not.toHaveBeenCalled();
    const clients = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'clients',
    )[1];
    expect(Object.keys(clients)).toEqual([
      'orchestration',
      'identity',
      'optimize',
    ]);
    expect(Object.values(clients)).toEqual([
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'dry-run');
  });

  it('asks for an adoption of the clients the spec names, and in a dry run outputs them', async () => {
    const clients = {
      orchestration: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      identity: '4f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      optimize: '5f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    };
    const spec = { ...SPEC, clients };
    const adopted = fakeClient([provisioned]);
    const { action, ctx, logged } = setup(adopted, { spec, kind: 'adopt' });
    const dry = setup(fakeClient([pending]), { spec, kind: 'adopt' });
    dry.ctx.isDryRun = true;

    await action.handler(ctx);
    await dry.action.handler(dry.ctx);

    expect(adopted.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({ spec, kind: 'adopt' }),
      { token: expect.any(String) },
    );
    expect(logged[0]).toBe('Adoption request r1');
    expect(dry.ctx.output).toHaveBeenCalledWith('clients', clients);
  });

  it('in a dry run reports every spec problem', async () => {
    const { action, ctx } = setup(fakeClient([pending]), {
      spec: { ...SPEC, namespace: 'Bad_NS', components: { console: {} } },
    });
    ctx.isDryRun = true;

    await expect(action.handler(ctx)).rejects.toThrow(
      /namespace: must be a DNS label.*components\.console: needs Management Identity/,
    );
  });
});
