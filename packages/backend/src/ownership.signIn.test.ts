import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import camundaEntraPlugin from '@camunda-entra/plugin-camunda-entra-backend';
import camundaEntraPolicy from '@camunda-entra/plugin-permission-backend-module-camunda-entra';
import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from './__testUtils__/freePort';
import { signInWithOidc } from './__testUtils__/oidcSignIn';
import { sandboxConfig, TENANT } from './__testUtils__/sandboxConfig';
import entraSandboxPlugin, { entraSandboxServiceRef } from './entraSandbox';
import sandboxOrgProvider from './sandboxOrgProvider';
import sandboxSignIn from './sandboxSignIn';

// Issue 19's ownership rules (docs/permissions.md, Ownership) for people signed in through the
// sandbox's OIDC provider, with the dev backend's plugins and the shipped policy.
jest.setTimeout(120_000);

const APP_ORIGIN = 'http://localhost:3000';
const DOMAIN = 'camunda-entra.example';
const TEAMS = {
  platform: 'group:default/platform-team',
  payments: 'group:default/payments-team',
  billing: 'group:default/billing-team',
};

/** Five people of three teams; the catalog's msgraph ingestion names them by mail. */
const PEOPLE = {
  pat: { team: 'platform', displayName: 'Pat Platform' },
  petra: { team: 'platform', displayName: 'Petra Platform' },
  dana: { team: 'payments', displayName: 'Dana Developer' },
  devi: { team: 'payments', displayName: 'Devi Developer' },
  bo: { team: 'billing', displayName: 'Bo Billing' },
} as const;
type Person = keyof typeof PEOPLE;
const NAMES = Object.keys(PEOPLE) as Person[];
const objectId = (person: Person) =>
  `e17a0000-0000-4000-8000-00000000000${NAMES.indexOf(person) + 1}`;

function directoryFile(dir: string): string {
  const file = path.join(dir, 'entra-directory.yaml');
  const teams = Object.keys(TEAMS) as Array<keyof typeof TEAMS>;
  fs.writeFileSync(
    file,
    stringify({
      organization: { displayName: 'Ownership test', domain: DOMAIN },
      users: NAMES.map(person => ({
        id: objectId(person),
        displayName: PEOPLE[person].displayName,
        userPrincipalName: `${person}@${DOMAIN}`,
        mail: `${person}@${DOMAIN}`,
        accountEnabled: true,
      })),
      groups: teams.map((team, i) => ({
        id: `e17a0000-0000-4000-8000-00000000100${i + 1}`,
        displayName: `${team} team`,
        mailNickname: `${team}-team`,
        securityEnabled: false,
        mailEnabled: true,
        members: NAMES.filter(p => PEOPLE[p].team === team).map(objectId),
      })),
    }),
  );
  return file;
}

const PAYMENTS = 'component:default/camunda-payments';
const FOREIGN = 'component:default/camunda-foreign';
const SPEC = {
  name: 'payments',
  namespace: 'payments-camunda',
  chart: '8.8',
  components: { orchestration: {}, identity: {}, optimize: {} },
  admins: [`dana@${DOMAIN}`],
};

/** The payments deployment's entity (with client IDs once known), and one of another tenant. */
function writeCatalog(file: string, clientIds: Record<string, string> = {}) {
  const entity = (name: string, tenantId: string, extra = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'camunda-entra.io/deployment': 'payments',
        'camunda-entra.io/tenant-id': tenantId,
        ...extra,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: TEAMS.payments },
  });
  const clients = Object.fromEntries(
    Object.entries(clientIds).map(([c, id]) => [
      `camunda-entra.io/client-id.${c}`,
      id,
    ]),
  );
  fs.writeFileSync(
    file,
    [
      entity('camunda-payments', TENANT, clients),
      entity('camunda-foreign', '00000000-0000-4000-8000-00000000f0e1'),
    ]
      .map(e => stringify(e))
      .join('---\n'),
  );
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  for (const deadline = Date.now() + 60_000; ; ) {
    const value = await probe();
    if (done(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} never happened: ${JSON.stringify(value)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describe('deployment ownership for people signed in through the sandbox OIDC flow', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-sign-in-'));
  const catalogFile = path.join(dir, 'catalog-info.yaml');
  const secretsDirectory = path.join(dir, 'secrets');
  const signIns = {} as Record<
    Person,
    Awaited<ReturnType<typeof signInWithOidc>>
  >;
  const tokens = {} as Record<Person, string>;
  let backendUrl: string;
  let sandbox: EntraSandbox | undefined;
  let stop: () => Promise<void>;
  let provisioned: { id: string; clients: Record<string, string> };

  async function call(
    person: Person,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${backendUrl}/api${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${tokens[person]}`,
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  const entra = (person: Person, method: string, url: string, body?: unknown) =>
    call(person, method, `/camunda-entra${url}`, body);
  const status = (person: Person, entityRef = PAYMENTS) =>
    entra(person, 'GET', `/status?entityRef=${encodeURIComponent(entityRef)}`);

  const settled = (id: string) =>
    eventually(
      `request ${id} settling`,
      async () => (await entra('pat', 'GET', `/requests/${id}`)).body,
      request => ['provisioned', 'failed'].includes(request.state),
    );

  /** Approved by an approver; answers the request once the worker is done with it. */
  async function approved(id: string, approver: Person = 'pat') {
    const approval = await entra(approver, 'POST', `/requests/${id}/approve`, {
      comment: 'ok',
    });
    expect(approval.status).toBe(200);
    return settled(id);
  }

  beforeAll(async () => {
    const port = await freePort();
    const config = await sandboxConfig();
    backendUrl = `http://localhost:${port}`;
    writeCatalog(catalogFile);
    const backend = createBackend();
    for (const feature of [
      authPlugin,
      sandboxSignIn,
      catalogPlugin,
      // What ./microsoftGraphOrg loads when the sandbox runs (jest cannot load it dynamically).
      sandboxOrgProvider,
      permissionPlugin,
      camundaEntraPolicy,
      notificationsPlugin,
      signalsPlugin,
      entraSandboxPlugin,
      camundaEntraPlugin,
      // The running sandbox, to read what it holds after the race.
      createBackendModule({
        pluginId: 'entra-sandbox',
        moduleId: 'ownership-test',
        register(reg) {
          reg.registerInit({
            deps: { entraSandbox: entraSandboxServiceRef },
            async init({ entraSandbox }) {
              sandbox = entraSandbox.running;
            },
          });
        },
      }),
      // Errors only: the info log of every request would bury a failure, and without the events
      // plugin (whose long polls hold the backend's stop for a minute) signals warn of it.
      mockServices.rootLogger.factory({ level: 'error' }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: APP_ORIGIN },
          backend: {
            baseUrl: backendUrl,
            listen: { port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          auth: {
            session: { secret: 'ownership-test-only' },
            providers: {
              oidc: {
                development: {
                  metadataUrl: `https://127.0.0.1:${config.port}/${TENANT}/v2.0/.well-known/openid-configuration`,
                  clientId: '5a4db0c5-0000-4000-8000-0000000000b1',
                  clientSecret: 'ownership-test-only',
                  prompt: 'auto',
                },
              },
            },
          },
          catalog: {
            rules: [{ allow: ['Component', 'Location', 'User', 'Group'] }],
            locations: [{ type: 'file', target: catalogFile }],
            providers: {
              microsoftGraphOrg: {
                entra: {
                  target: `https://127.0.0.1:${config.port}/v1.0`,
                  authority: `https://127.0.0.1:${config.port}`,
                  tenantId: TENANT,
                  clientId: config.camundaEntra.directory.clientId,
                  clientSecret: config.camundaEntra.directory.clientSecret,
                  // Local: read right away, not on the next round of the database-wide scheduler.
                  schedule: {
                    frequency: { minutes: 10 },
                    timeout: { minutes: 1 },
                    scope: 'local',
                  },
                },
              },
            },
          },
          permission: { enabled: true },
          camundaEntra: {
            ...config.camundaEntra,
            sandbox: {
              ...config.camundaEntra.sandbox,
              directoryFile: directoryFile(dir),
            },
            approval: {
              required: true,
              allowSelfApproval: false,
              approvers: [TEAMS.platform],
            },
            secretSink: {
              type: 'local',
              local: { directory: secretsDirectory },
            },
          },
        },
      }),
    ]) {
      backend.add(feature);
    }
    await backend.start();
    stop = () => backend.stop();

    // Sign-in finds a person once the ingestion wrote them into the catalog.
    await Promise.all(
      NAMES.map(async person => {
        signIns[person] = await eventually(
          `${person}'s sign-in`,
          () =>
            signInWithOidc({
              backendUrl,
              appOrigin: APP_ORIGIN,
              loginHint: `${person}@${DOMAIN}`,
            }),
          signedIn => signedIn.refresh.status === 200,
        );
        tokens[person] = signIns[person].refresh.body.backstageIdentity?.token;
      }),
    );
    await eventually(
      'the catalog serving the deployment entities',
      async () =>
        Promise.all(
          [PAYMENTS, FOREIGN].map(
            async ref =>
              (
                await call(
                  'pat',
                  'GET',
                  `/catalog/entities/by-name/${ref.replace(/[:]/, '/')}`,
                )
              ).status,
          ),
        ),
      statuses => statuses.every(s => s === 200),
    );
  });

  afterAll(async () => {
    await stop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(NAMES)(
    'signs %s in as the catalog user of the Entra object, with their team',
    person => {
      const identity = {
        type: 'user',
        userEntityRef: `user:default/${person}_${DOMAIN}`,
        ownershipEntityRefs: [
          `user:default/${person}_${DOMAIN}`,
          TEAMS[PEOPLE[person].team],
        ],
      };
      const { handlerMessage, refresh } = signIns[person];
      expect(handlerMessage.response.backstageIdentity.identity).toEqual(
        identity,
      );
      expect(refresh.body.backstageIdentity.identity).toEqual(identity);
    },
  );

  it('provisions a payments developer’s request approved by an approver, recording payments-team', async () => {
    const created = await entra('dana', 'POST', '/requests', {
      spec: SPEC,
      entityRef: PAYMENTS,
    });
    expect(created.status).toBe(201);
    expect(created.body.plan.ownership.owner).toBe(TEAMS.payments);
    // While it waits for approval, the name is already reserved for payments-team.
    const meanwhile = await entra('bo', 'POST', '/requests', {
      spec: { ...SPEC, namespace: 'billing-camunda' },
    });
    expect([meanwhile.status, meanwhile.body.error?.message]).toEqual([
      409,
      expect.stringContaining(
        `reserved in this tenant by request ${created.body.id} for ${TEAMS.payments}`,
      ),
    ]);
    // Self-approval is off, and a developer approves nothing.
    expect(
      (await entra('devi', 'POST', `/requests/${created.body.id}/approve`, {}))
        .status,
    ).toBe(403);

    const request = await approved(created.body.id);
    expect(request.state).toBe('provisioned');
    provisioned = request;
    expect((await status('devi')).status).toBe(200);
    expect((await status('bo')).status).toBe(403);
  });

  it('refuses another team’s takeover of the provisioned name when it is asked for', async () => {
    const again = await entra('bo', 'POST', '/requests', {
      spec: SPEC,
      entityRef: PAYMENTS,
    });
    expect([again.status, again.body.error?.message]).toEqual([
      403,
      expect.stringContaining(`owned by ${TEAMS.payments}`),
    ]);
    const elsewhere = await entra('bo', 'POST', '/requests', {
      spec: { ...SPEC, namespace: 'billing-camunda' },
    });
    expect([elsewhere.status, elsewhere.body.error?.message]).toEqual([
      409,
      expect.stringContaining(
        `registered in this tenant for ${PAYMENTS} in namespace payments-camunda (request ${provisioned.id})`,
      ),
    ]);
    // Nothing was stored for Bo, and the owners keep their deployment.
    expect((await entra('bo', 'GET', '/requests')).body.items).toEqual([]);
    expect([
      (await status('dana')).status,
      (await status('bo')).status,
    ]).toEqual([200, 403]);
  });

  // On one backend; replicas.sandbox.test.ts in camunda-entra-backend races the same on two
  // replicas of one PostgreSQL database.
  it('stores one of two teams’ simultaneous requests for a new name, and provisions only it', async () => {
    const teams = [
      { person: 'dana', namespace: 'ledger-payments' },
      { person: 'bo', namespace: 'ledger-billing' },
    ] as const;
    const asked = await Promise.all(
      teams.map(team =>
        entra(team.person, 'POST', '/requests', {
          spec: { ...SPEC, name: 'ledger', namespace: team.namespace },
        }),
      ),
    );
    const [won, lost] = [...asked].sort((a, b) => a.status - b.status);
    const winner = won.body;
    expect([won.status, lost.status, lost.body.error?.message]).toEqual([
      201,
      409,
      expect.stringContaining(
        `reserved in this tenant by request ${winner.id}`,
      ),
    ]);

    // Both approvers at once: one approval wins, the other finds it decided.
    const approvals = await Promise.all(
      (['pat', 'petra'] as const).map(approver =>
        entra(approver, 'POST', `/requests/${winner.id}/approve`, {}),
      ),
    );
    expect(approvals.map(answer => answer.status)).toContain(200);
    expect((await settled(winner.id)).state).toBe('provisioned');

    const ledger = (await entra('pat', 'GET', '/requests')).body.items.filter(
      (request: any) => request.spec.name === 'ledger',
    );
    expect(ledger.map((r: any) => [r.id, r.state])).toEqual([
      [winner.id, 'provisioned'],
    ]);
    // Every secret of the name's applications is the winner's, delivered to its namespace only.
    const credentials = sandbox!.admin
      .directory()
      .applications.filter(app =>
        String(app.uniqueName).startsWith('camunda-ledger-'),
      )
      .flatMap(
        app => app.passwordCredentials as Array<{ displayName: string }>,
      );
    expect(credentials.length).toBeGreaterThan(0);
    expect(
      credentials.filter(({ displayName }) => !displayName.includes(winner.id)),
    ).toEqual([]);
    const delivered = fs
      .readdirSync(secretsDirectory)
      .filter(file => file.startsWith('ledger-'));
    expect(delivered).toEqual([`ledger-${winner.id}.yaml`]);
    const manifest = parse(
      fs.readFileSync(path.join(secretsDirectory, delivered[0]), 'utf8'),
    );
    expect(manifest.metadata.namespace).toBe(winner.spec.namespace);
  });

  it('moves status and rotation rights with a transfer asked for by the owner and approved', async () => {
    // The entity gains its client IDs (as the generated catalog-info.yaml carries them), so a
    // rotation allowed past authorization is made.
    writeCatalog(catalogFile, provisioned.clients);
    expect(
      (await call('pat', 'POST', '/catalog/refresh', { entityRef: PAYMENTS }))
        .status,
    ).toBe(200);
    await eventually(
      'the catalog serving the client IDs',
      async () =>
        (
          await call(
            'pat',
            'GET',
            '/catalog/entities/by-name/component/default/camunda-payments',
          )
        ).body.metadata?.annotations ?? {},
      annotations => 'camunda-entra.io/client-id.optimize' in annotations,
    );

    const transfer = {
      kind: 'transfer',
      entityRef: PAYMENTS,
      owner: TEAMS.billing,
    };
    const byBo = await entra('bo', 'POST', '/requests', transfer);
    expect([byBo.status, byBo.body.error?.message]).toEqual([
      403,
      expect.stringContaining(`owned by ${TEAMS.payments}`),
    ]);
    const asked = await entra('dana', 'POST', '/requests', transfer);
    expect(asked.status).toBe(201);
    expect(asked.body.plan.ownership).toEqual({
      owner: TEAMS.payments,
      transferTo: TEAMS.billing,
    });
    expect((await approved(asked.body.id, 'petra')).state).toBe('provisioned');

    // The catalog entity still names payments-team: the recorded owner decides.
    const statuses = await Promise.all(
      (['bo', 'dana', 'devi'] as const).map(
        async p => (await status(p)).status,
      ),
    );
    expect(statuses).toEqual([200, 403, 403]);
    const rotate = { kind: 'rotate', entityRef: PAYMENTS, client: 'optimize' };
    const byDana = await entra('dana', 'POST', '/requests', rotate);
    expect([byDana.status, byDana.body.error?.message]).toEqual([
      403,
      expect.stringContaining(`owned by ${TEAMS.billing}`),
    ]);
    const rotation = await entra('bo', 'POST', '/requests', rotate);
    expect([rotation.status, rotation.body.kind]).toEqual([201, 'rotate']);
  });

  it('refuses a spec naming a foreign authority host', async () => {
    const response = await entra('dana', 'POST', '/requests', {
      spec: {
        ...SPEC,
        name: 'payments-eu',
        namespace: 'payments-eu',
        tenant: { id: TENANT, authorityHost: 'https://login.attacker.example' },
      },
    });
    expect([response.status, response.body.error?.message]).toEqual([
      400,
      expect.stringContaining('tenant.authorityHost'),
    ]);
  });

  it.each<Person>(['bo', 'pat'])(
    'answers 404 on the status of an entity annotated with a foreign tenant, to %s',
    async person => {
      const response = await status(person, FOREIGN);
      expect([response.status, response.body.error?.message]).toEqual([
        404,
        expect.stringContaining('deployment of another tenant'),
      ]);
    },
  );
});
