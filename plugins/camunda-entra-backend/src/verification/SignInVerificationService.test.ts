import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DeploymentClientKey,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';
import {
  ClientTokenEndpoint,
  createClientTokenEndpoint,
  DefaultEntraDirectory,
  entraSecretKey,
} from '@camunda-entra/plugin-camunda-entra-node';
import { MemorySecretSink } from '../__testUtils__/MemorySecretSink';
import { recordProvisionedRequest } from '../__testUtils__/requests';
import {
  sandboxSpec,
  startSandboxDirectory,
} from '../__testUtils__/sandboxDirectory';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseRequestStore } from '../database/DatabaseRequestStore';
import { StoredRequest } from '../database/RequestStore';
import { RequestNotifier } from '../notifications/RequestNotifier';
import { sinkTarget } from '@camunda-entra/plugin-camunda-entra-node';
import { DefaultSignInVerificationService } from './SignInVerificationService';
import { VerificationStore } from '../database/VerificationStore';

jest.setTimeout(60_000);

/** What Entra answers for a secret it has not replicated yet. */
const NOT_YET = {
  error: 'invalid_client',
  entraError: 'AADSTS7000215',
  description: 'AADSTS7000215: Invalid client secret provided.',
};

describe('DefaultSignInVerificationService after provisioning, against the sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;
  let directory: DefaultEntraDirectory;
  let spec: DeploymentSpec;

  beforeAll(async () => {
    ({ sandbox, directory } = await startSandboxDirectory());
    spec = sandboxSpec(sandbox);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  /**
   * A deployment provisioned as the provisioner leaves it, and the service with a token
   * endpoint that refuses Optimize's secret `refusals` times as a fresh one is refused.
   */
  async function provisioned(refusals: number) {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({ knex });
    const store = await DatabaseRequestStore.create({ database });
    const sink = new MemorySecretSink();
    const registered = await directory.registerDeployment(spec, {
      secrets: 'never',
    });
    const request = await recordProvisionedRequest(store, spec, registered);
    const data: Record<string, string> = {};
    for (const app of registered) {
      const key = entraSecretKey(app.client as DeploymentClientKey);
      if (key) {
        const secret = await directory.addSecret(app.objectId, {
          displayName: 'provisioned',
          lifetimeDays: 30,
        });
        data[key] = secret.secretText;
      }
    }
    await sink.write(sinkTarget(request.id, spec), data);

    const endpoint = createClientTokenEndpoint({
      authorityHost: sandbox.authorityHost,
      tenantId: sandbox.tenantId,
      ca: sandbox.caPem,
    });
    const optimize = registered.find(app => app.client === 'optimize')!.appId;
    let refused = 0;
    const tokens: ClientTokenEndpoint = {
      clientCredentials: async call => {
        if (call.clientId === optimize && refused < refusals) {
          refused += 1;
          return NOT_YET;
        }
        return endpoint.clientCredentials(call);
      },
    };
    const send = jest.fn(async () => {});
    const verifications = await VerificationStore.create({ database });
    const service = DefaultSignInVerificationService.create({
      catalog: catalogServiceMock(),
      permissions: mockServices.permissions(),
      store,
      verifications,
      directory,
      sink,
      tokens: async () => tokens,
      notifier: RequestNotifier.create({
        notifications: { send },
        approvers: [],
        logger: mockServices.logger.mock(),
      }),
      logger: mockServices.logger.mock(),
      replicationWaitMs: 3_000,
    });
    const comments = async () =>
      (await store.get(request.id))!.history.map(event => event.comment);
    return {
      request: request as StoredRequest,
      service,
      verifications,
      send,
      comments,
      refused: () => refused,
    };
  }

  it('retries a token request Entra refuses until the new secret has replicated', async () => {
    const { request, service, verifications, send, comments, refused } =
      await provisioned(2);

    await service.verifyProvisioned(request);

    expect(refused()).toBe(2);
    const last = await verifications.last(request);
    expect(last).toMatchObject({ passed: true, problems: [] });
    expect(await comments()).toContain(
      `sign-in verified: ${last!.checks} checks passed`,
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('gives up after the replication budget, records the refusal and notifies the owners', async () => {
    const { request, service, verifications, send, comments, refused } =
      await provisioned(Infinity);
    const started = Date.now();

    await service.verifyProvisioned(request);

    // Tried at once and after 0.5 and 1 s (unless the runs were slow); no wait of 2 s more
    // starts that would end past the budget of 3 s.
    expect([2, 3]).toContain(refused());
    expect(Date.now() - started).toBeLessThan(6_000);
    const last = await verifications.last(request);
    expect(last?.passed).toBe(false);
    expect(last?.problems).toEqual([
      expect.objectContaining({
        client: 'optimize',
        check: 'secret',
        entraError: 'AADSTS7000215',
      }),
    ]);
    expect(await comments()).toContain(
      "sign-in verification found 1 problem; see the deployment's Microsoft Entra ID tab",
    );
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/payments-team', request.requester],
      },
      payload: expect.objectContaining({
        title: 'Sign-in verification of payments found 1 problem',
        description: expect.stringContaining('(AADSTS7000215)'),
      }),
    });
  });
});
