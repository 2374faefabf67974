import { mockCredentials } from '@backstage/backend-test-utils';
import { EntraSandbox, startEntraSandbox } from '@camunda-entra/entra-sandbox';
import {
  DeploymentEntraStatus,
  SignInVerification,
} from '@camunda-entra/plugin-camunda-entra-common';
import request from 'supertest';
import { editInSandbox } from './__testUtils__/editInSandbox';
import { MemorySecretSink } from './__testUtils__/MemorySecretSink';
import {
  ALICE,
  as,
  BOB,
  CAROL,
  ENTITY_REF,
  MALLORY,
  startSandboxPortal,
} from './__testUtils__/sandboxPortal';
import { createTestDatabases } from './__testUtils__/testDatabases';
import { SecretSinkTarget } from '@camunda-entra/plugin-camunda-entra-node';

jest.setTimeout(120_000);

const GRANTS: Record<string, string[]> = {
  'camunda-entra.request.approve': [BOB],
  'camunda-entra.request.read': [ALICE, BOB],
  'camunda-entra.status.read': [ALICE, BOB],
};

/** A sink that lost one key since it delivered it, as when someone emptied it by hand. */
class LosingSink extends MemorySecretSink {
  constructor(private readonly lost?: string) {
    super();
  }

  async read(target: SecretSinkTarget, key: string) {
    return key === this.lost ? undefined : super.read(target, key);
  }
}

/**
 * The plugin with the real directory client and token endpoint against the sandbox: the
 * verification right after provisioning and on demand from the entity's tab.
 */
describe('sign-in verification against the Entra sandbox', () => {
  const databases = createTestDatabases();
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox({ seed: 8 });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.admin.resetDirectory());

  async function start(sink = new LosingSink()) {
    const portal = await startSandboxPortal({
      sandbox,
      knex: await databases.init('SQLITE_3'),
      sink,
      grants: GRANTS,
      monitoring: { status: { cacheTtl: { milliseconds: 0 } } },
    });
    const status = async (): Promise<DeploymentEntraStatus> =>
      (await portal.status(ALICE)).body;
    /** Provisions FULL_SPEC; resolves once its verification is recorded. */
    const provision = () =>
      portal.provision(provisioned =>
        provisioned.history.some(event =>
          event.comment?.startsWith('sign-in verif'),
        ),
      );
    const verify = (user: string) =>
      request(portal.server)
        .post('/api/camunda-entra/verifications')
        .set('Authorization', user)
        .send({ entityRef: ENTITY_REF });

    return { send: portal.send, status, provision, verify };
  }

  it('verifies the deployment right after provisioning, and on demand finds a redirect URI edited in Entra', async () => {
    const { send, status, provision, verify } = await start();
    const provisioned = await provision();

    const first = (await status()).lastVerification!;
    expect(first).toMatchObject({ passed: true, problems: [] });
    expect(first.checks).toBeGreaterThan(0);
    expect(provisioned.history.map(event => event.comment)).toContain(
      `sign-in verified: ${first.checks} checks passed`,
    );
    expect(send).not.toHaveBeenCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({ severity: 'high' }),
      }),
    );

    const optimize = provisioned.clients.optimize;
    const [application] = (
      await editInSandbox(
        sandbox,
        'GET',
        `/applications?$filter=appId eq '${optimize}'&$select=id,web`,
      )
    ).value;
    await editInSandbox(sandbox, 'PATCH', `/applications/${application.id}`, {
      web: {
        redirectUris: application.web.redirectUris.map((uri: string) =>
          uri.replace(/\/([^/]+)$/, '/other-$1'),
        ),
      },
    });

    const answer = await verify(as(ALICE));

    expect(answer.status).toBe(200);
    const verification: SignInVerification = answer.body;
    expect(verification.passed).toBe(false);
    expect(verification.problems).toEqual([
      expect.objectContaining({ client: 'optimize', check: 'redirectUris' }),
    ]);
    expect(Date.parse(verification.verifiedAt)).toBeGreaterThan(
      Date.parse(first.verifiedAt),
    );
    expect((await status()).lastVerification).toEqual(verification);
  });

  it('notifies the recorded owner when the verification after provisioning fails, and the provisioning stands', async () => {
    const { send, status, provision } = await start(
      new LosingSink('optimize-client-secret'),
    );

    const provisioned = await provision();

    expect(provisioned.state).toBe('provisioned');
    const last = (await status()).lastVerification!;
    expect(last.passed).toBe(false);
    expect(last.problems).toEqual([
      expect.objectContaining({ client: 'optimize', check: 'secret' }),
    ]);
    // Alice asked before the entity existed, so she is its recorded owner as well.
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: [ALICE] },
      payload: expect.objectContaining({
        title: 'Sign-in verification of payments found 1 problem',
        description: expect.stringMatching(/^Optimize: /),
        link: '/catalog/default/component/camunda-payments/entra',
        severity: 'high',
      }),
    });
  });

  it('verifies on demand for those who may read the Entra state, one verification at a time', async () => {
    const { verify, provision } = await start();
    await provision();

    expect((await verify(mockCredentials.none.header())).status).toBe(401);
    expect((await verify(as(MALLORY))).status).toBe(404);
    expect((await verify(as(CAROL))).status).toBe(403);
    expect((await verify(mockCredentials.service.header())).status).toBe(403);

    // Slow token and Graph answers keep the first verification running.
    sandbox.admin.setFaults({ latencyMs: 300 });
    const [first, second] = await Promise.all([
      verify(as(ALICE)),
      new Promise(resolve => setTimeout(resolve, 100)).then(() =>
        verify(as(BOB)),
      ),
    ]);
    sandbox.admin.setFaults({ latencyMs: 0 });

    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.body.error.message).toContain(
      'A sign-in verification of the deployment payments is already running',
    );
    expect((await verify(as(BOB))).status).toBe(200);
  });
});
