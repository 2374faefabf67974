import {
  EntraSandbox,
  generateClientCertificate,
  startEntraSandbox,
} from '@camunda-entra/entra-sandbox';
import {
  EntraApplicationPlan,
  planEntraApplications,
} from '@camunda-entra/plugin-camunda-entra-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EntraRegistrationError } from './registrationError';
import { EntraGraphError } from './errors';
import { withAbortSignal } from './retry';
import { guideSpec } from '../testUtils';
import {
  recordingLogger,
  sandboxDirectory,
} from './__testUtils__/sandboxDirectory';
import { MICROSOFT_GRAPH_APP_ID, SIGN_IN_SCOPES } from './applicationManifest';

jest.setTimeout(60_000);

const ADMIN_USER = '6d2c7c1e-3f0a-4d5e-9b3a-0c4f7e2a9d11';
const RESTRICTED_ID = '11111111-2222-4333-8444-555555555555';
const CERTIFICATE_ID = '22222222-2222-4333-8444-555555555555';
const FEDERATED_ID = '33333333-2222-4333-8444-555555555555';
const FEDERATED_SUBJECT = 'system:serviceaccount:portal:backstage';

// The real @azure/identity and Graph client over HTTPS against the sandbox: no mocks.
/** The write operations among the sandbox's counted operations. */
const writesIn = (byOperation: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(byOperation).filter(([name]) => !name.startsWith('GET ')),
  );

describe('DefaultEntraDirectory against the Entra sandbox', () => {
  let sandbox: EntraSandbox;
  const client = generateClientCertificate('automation');
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-directory-test-'));

  beforeAll(async () => {
    sandbox = await startEntraSandbox({
      seed: 42,
      // A tenant policy: client secrets may live at most a year.
      maxPasswordLifetimeDays: 365,
      identities: [
        {
          clientId: '44444444-2222-4333-8444-555555555555',
          clientSecret: 'sandbox-test-secret',
        },
        // May register applications but not grant consent.
        {
          clientId: RESTRICTED_ID,
          clientSecret: 'restricted-secret',
          roles: ['Application.ReadWrite.OwnedBy'],
        },
        { clientId: CERTIFICATE_ID, certificatePem: client.certificatePem },
        { clientId: FEDERATED_ID, federatedSubject: FEDERATED_SUBJECT },
      ],
    });
  });

  afterAll(() => sandbox.stop());

  beforeEach(() => {
    sandbox.admin.resetDirectory();
    sandbox.admin.setFaults({});
    sandbox.admin.clearInjectedErrors();
    sandbox.admin.resetCounters();
  });

  const applicationsIn = () => sandbox.admin.directory().applications;
  const byUniqueName = (uniqueName: string) =>
    applicationsIn().find(a => a.uniqueName === uniqueName)!;

  it('registers the guide deployment with platform, URIs, v2 tokens, claims, scopes, secrets, consent and owners', async () => {
    const spec = guideSpec(sandbox);
    const progress: string[] = [];
    const reportedDone: unknown[] = [];
    const results = await sandboxDirectory(sandbox, {
      owners: [ADMIN_USER],
    }).registerDeployment(
      spec,
      { secrets: 'missing', source: 'component:default/payments' },
      p => {
        progress.push(`${p.client}:${p.step}`);
        if (p.step === 'done') reportedDone.push(p.registered);
      },
    );

    expect(results.map(r => r.client).sort()).toEqual(
      [
        'console',
        'identity',
        'optimize',
        'orchestration',
        'webModelerApi',
        'webModelerUi',
      ].sort(),
    );
    const optimize = byUniqueName('camunda-payments-optimize');
    expect(optimize).toMatchObject({
      displayName: 'Camunda payments Optimize',
      signInAudience: 'AzureADMyOrg',
      web: {
        redirectUris: [
          'https://optimize.example.com/api/authentication/callback',
        ],
      },
      spa: { redirectUris: [] },
      api: { requestedAccessTokenVersion: 2 },
      optionalClaims: {
        idToken: [{ name: 'preferred_username', essential: false }],
        accessToken: [{ name: 'preferred_username', essential: false }],
      },
      requiredResourceAccess: [
        {
          resourceAppId: MICROSOFT_GRAPH_APP_ID,
          resourceAccess: Object.values(SIGN_IN_SCOPES).map(id => ({
            id,
            type: 'Scope',
          })),
        },
      ],
      tags: [
        'camunda-entra',
        'camunda-entra:deployment:payments',
        'camunda-entra:client:optimize',
      ],
    });
    expect(optimize.notes).toContain("deployment 'payments'");
    expect(optimize.notes).toContain('component:default/payments');
    expect(byUniqueName('camunda-payments-console')).toMatchObject({
      spa: { redirectUris: ['http://localhost:8087/'] },
      web: { redirectUris: [] },
    });
    expect(byUniqueName('camunda-payments-web-modeler-api')).toMatchObject({
      spa: { redirectUris: [] },
      web: { redirectUris: [] },
    });

    for (const result of results) {
      const plan = planEntraApplications(spec).find(
        p => p.client === result.client,
      )!;
      expect(result).toMatchObject({
        created: true,
        servicePrincipalCreated: true,
        consent: 'created',
      });
      expect(Boolean(result.secret)).toBe(plan.needsSecret);
      expect(sandbox.admin.applicationOwners(result.objectId)).toContain(
        ADMIN_USER,
      );
    }
    const directory = sandbox.admin.directory();
    expect(
      directory.servicePrincipals.filter(sp =>
        results.some(r => r.servicePrincipalId === sp.id),
      ),
    ).toHaveLength(6);
    expect(directory.oauth2PermissionGrants).toHaveLength(6);
    expect(directory.oauth2PermissionGrants[0]).toMatchObject({
      consentType: 'AllPrincipals',
      scope: 'openid profile email offline_access',
    });
    expect(progress).toEqual(
      expect.arrayContaining([
        'optimize:start',
        'optimize:secret',
        'optimize:consent',
        'optimize:done',
      ]),
    );
    // Each application's IDs as soon as it is registered, for callers that record them at once.
    expect(reportedDone).toHaveLength(results.length);
    expect(reportedDone).toEqual(expect.arrayContaining(results));
  });

  it('creates nothing on a second run', async () => {
    const spec = guideSpec(sandbox);
    const directory = sandboxDirectory(sandbox, { owners: [ADMIN_USER] });
    const first = await directory.registerDeployment(spec, {
      secrets: 'missing',
    });
    const before = sandbox.admin.directory();
    sandbox.admin.resetCounters();

    const second = await directory.registerDeployment(spec, {
      secrets: 'missing',
    });

    const counters = sandbox.admin.counters();
    expect(counters.created).toEqual({
      applications: 0,
      servicePrincipals: 0,
      oauth2PermissionGrants: 0,
      passwordCredentials: 0,
    });
    expect(counters.byStatus['201']).toBeUndefined();
    expect(
      second.map(r => [
        r.created,
        r.servicePrincipalCreated,
        r.consent,
        r.secret,
        r.ownersAdded,
      ]),
    ).toEqual(second.map(() => [false, false, 'unchanged', undefined, []]));
    expect(second.map(r => r.appId).sort()).toEqual(
      first.map(r => r.appId).sort(),
    );
    expect(sandbox.admin.directory()).toEqual(before);
    // Read in a few batched requests, written nothing.
    expect(writesIn(counters.byOperation)).toEqual({});
    expect(counters.graphRequests).toBeLessThanOrEqual(6);
  });

  it('writes only what differs when one application drifted', async () => {
    const spec = guideSpec(sandbox);
    const directory = sandboxDirectory(sandbox);
    await directory.registerDeployment(spec, { secrets: 'missing' });
    const optimize = planEntraApplications(spec).find(
      p => p.client === 'optimize',
    )!;
    await directory.registerApplication(
      { ...optimize, redirectUris: ['https://stale.example.com/callback'] },
      { deployment: spec.name },
    );
    sandbox.admin.resetCounters();

    await directory.registerDeployment(spec, { secrets: 'missing' });

    const { byOperation } = sandbox.admin.counters();
    expect(writesIn(byOperation)).toEqual({ 'PATCH applications(id)': 1 });
    expect(byUniqueName(optimize.uniqueName)).toMatchObject({
      web: { redirectUris: optimize.redirectUris },
    });
  });

  it('brings an existing application back to the desired state', async () => {
    const optimize = planEntraApplications(guideSpec(sandbox)).find(
      p => p.client === 'optimize',
    )!;
    const directory = sandboxDirectory(sandbox);
    await directory.registerApplication(
      {
        ...optimize,
        platform: 'spa',
        redirectUris: ['https://stale.example.com/callback'],
      },
      { deployment: 'payments' },
    );

    const [result] = await directory.registerDeployment([optimize], {
      deployment: 'payments',
    });

    expect(result.created).toBe(false);
    expect(byUniqueName(optimize.uniqueName)).toMatchObject({
      web: { redirectUris: optimize.redirectUris },
      spa: { redirectUris: [] },
    });
  });

  describe('recovers from transient failures', () => {
    const register = () =>
      sandboxDirectory(sandbox).registerDeployment(guideSpec(sandbox), {
        secrets: 'missing',
      });

    it('429 bursts, honouring Retry-After', async () => {
      sandbox.admin.injectError({
        status: 429,
        count: 3,
        retryAfterSeconds: 1,
      });
      const started = Date.now();
      const results = await register();
      expect(results).toHaveLength(6);
      expect(sandbox.admin.counters().byStatus['429']).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    });

    it.each([503, 504])('%s responses', async status => {
      sandbox.admin.injectError({ status, count: 4 });
      expect(await register()).toHaveLength(6);
      expect(sandbox.admin.counters().byStatus[String(status)]).toBe(4);
    });

    it('409 Directory_ConcurrencyViolation on writes', async () => {
      sandbox.admin.injectError({ status: 409, count: 2, method: 'PATCH' });
      expect(await register()).toHaveLength(6);
      expect(sandbox.admin.counters().byStatus['409']).toBe(2);
    });

    it('replication delay: waits for new objects before using them, polling for all at once', async () => {
      sandbox.admin.setFaults({ replicationDelayMs: 300 });
      const results = await register();
      expect(results.every(r => r.created && r.servicePrincipalCreated)).toBe(
        true,
      );
      const { byOperation, byStatus } = sandbox.admin.counters();
      // Each dependent write went out once, when its object had replicated.
      expect(byOperation['POST servicePrincipals']).toBe(6);
      expect(byOperation['POST applications(id)/addPassword']).toBe(4);
      expect(byOperation['POST oauth2PermissionGrants']).toBe(6);
      expect(byStatus['400']).toBeUndefined();
      expect(byStatus['404']).toBeUndefined();
      // One list read per poll for all six, not a poll per object.
      expect(byOperation['GET applications']).toBeLessThanOrEqual(6);
      expect(sandbox.admin.directory().oauth2PermissionGrants).toHaveLength(6);
    });

    it('replication delay: a dependent call that still meets it polls on its own', async () => {
      sandbox.admin.injectError({
        status: 404,
        count: 2,
        method: 'POST',
        pathContains: 'addPassword',
      });
      const results = await register();
      expect(results.filter(r => r.secret)).toHaveLength(4);
      expect(
        sandbox.admin.counters().byOperation[
          'POST applications(id)/addPassword'
        ],
      ).toBe(6);
    });

    it('stops waiting for replication as soon as the work is aborted', async () => {
      sandbox.admin.setFaults({ replicationDelayMs: 60_000 });
      const controller = new AbortController();
      const registering = withAbortSignal(controller.signal, () => register());
      // Let the upserts through, so that every chain waits for replication.
      while ((sandbox.admin.counters().created.applications ?? 0) < 6) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      const aborted = Date.now();
      controller.abort(new Error('lease lost'));
      const error = await registering.catch(e => e);
      expect(Date.now() - aborted).toBeLessThan(1_000);
      expect(error).toBeInstanceOf(EntraRegistrationError);
      expect(
        error.failures.map((f: { error: Error }) => f.error.message),
      ).toEqual(Array(6).fill('lease lost'));
      const { byOperation } = sandbox.admin.counters();
      expect(byOperation['POST servicePrincipals']).toBeUndefined();
    });

    it('a random 5xx rate', async () => {
      sandbox.admin.setFaults({ serverErrorRate: 0.1 });
      expect(await register()).toHaveLength(6);
      expect(sandbox.admin.counters().byStatus['503']).toBeGreaterThan(0);
    });
  });

  describe('fails at once on permanent errors, naming the component', () => {
    it('403 when consent is not permitted', async () => {
      const error = await sandboxDirectory(sandbox, {
        clientId: RESTRICTED_ID,
        clientSecret: 'restricted-secret',
      })
        .registerDeployment(guideSpec(sandbox))
        .catch(e => e);
      expect(error).toBeInstanceOf(EntraRegistrationError);
      expect(error.registered).toEqual([]);
      expect(error.failures).toHaveLength(6);
      const optimize = error.failures.find(
        (f: any) => f.client === 'optimize',
      ).error;
      expect(optimize).toBeInstanceOf(EntraGraphError);
      expect(optimize).toMatchObject({
        statusCode: 403,
        code: 'Authorization_RequestDenied',
        client: 'optimize',
      });
      expect(optimize.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(optimize.message).toMatch(
        /^optimize: POST \/oauth2PermissionGrants failed with 403 Authorization_RequestDenied: Insufficient privileges.*\(request-id [0-9a-f-]{36}\)$/,
      );
      // Not retried: one consent attempt per application.
      expect(
        sandbox.admin.counters().byOperation['POST oauth2PermissionGrants'],
      ).toBe(6);
    });

    it('400 CredentialInvalidLifetimeAsPerAppPolicy from a tenant lifetime policy', async () => {
      const directory = sandboxDirectory(sandbox, { secretLifetimeDays: 400 });
      const plan = planEntraApplications(guideSpec(sandbox)).find(
        p => p.client === 'optimize',
      )!;
      const error = await directory
        .registerApplication(plan, {
          deployment: 'payments',
          secrets: 'always',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(EntraGraphError);
      expect(error).toMatchObject({
        statusCode: 400,
        code: 'CredentialInvalidLifetimeAsPerAppPolicy',
        client: 'optimize',
      });
      expect(
        sandbox.admin.counters().byOperation[
          'POST applications(id)/addPassword'
        ],
      ).toBe(1);
    });
  });

  it('keeps secret text out of logs and serialised results', async () => {
    const logger = recordingLogger();
    sandbox.admin.injectError({
      status: 503,
      count: 1,
      pathContains: 'addPassword',
    });
    const results = await sandboxDirectory(
      sandbox,
      {},
      logger,
    ).registerDeployment(guideSpec(sandbox), {
      secrets: 'always',
    });
    const secrets = results.flatMap(r =>
      r.secret ? [r.secret.secretText] : [],
    );
    expect(secrets).toHaveLength(4);
    expect(secrets.every(s => s.length === 40)).toBe(true);
    const serialised = JSON.stringify(results);
    expect(logger.lines.some(line => line.includes('retry'))).toBe(true);
    for (const secret of secrets) {
      expect(logger.lines.join('\n')).not.toContain(secret);
      expect(serialised).not.toContain(secret);
    }
  });

  it('adds secrets with an explicit, capped end date and removes them', async () => {
    const directory = sandboxDirectory(sandbox, { maxSecretLifetimeDays: 30 });
    const [registered] = await directory.registerDeployment(
      planEntraApplications(guideSpec(sandbox)).filter(
        p => p.client === 'identity',
      ),
      { deployment: 'payments' },
    );
    const secret = await directory.addSecret(registered.objectId, {
      displayName: 'rotation',
      lifetimeDays: 400,
    });
    const days = (Date.parse(secret.endDateTime) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(secret.hint).toBe(secret.secretText.slice(0, 3));

    const info = await directory.getApplication({
      objectId: registered.objectId,
    });
    expect(info!.passwordCredentials).toEqual([
      {
        keyId: secret.keyId,
        displayName: 'rotation',
        hint: secret.hint,
        startDateTime: expect.any(String),
        endDateTime: secret.endDateTime,
      },
    ]);
    await directory.removeSecret(registered.objectId, secret.keyId);
    expect(
      (await directory.getApplication({ appId: registered.appId }))!
        .passwordCredentials,
    ).toEqual([]);
  });

  describe('reads', () => {
    const manyPlans = (count: number): EntraApplicationPlan[] =>
      Array.from({ length: count }, (_, i) => ({
        client: 'webModelerApi',
        displayName: `Bulk ${i}`,
        uniqueName: `camunda-bulk-${i}`,
        platform: 'none',
        redirectUris: [],
        needsSecret: false,
        components: ['webModeler'],
        optionalClaims: ['preferred_username'],
      }));

    it('gets one application by object ID, app ID or uniqueName, and undefined when missing', async () => {
      const directory = sandboxDirectory(sandbox, { grantAdminConsent: false });
      const [registered] = await directory.registerDeployment(
        guideSpec(sandbox),
        {},
      );
      for (const reference of [
        { objectId: registered.objectId },
        { appId: registered.appId },
        { uniqueName: registered.uniqueName },
      ]) {
        expect(await directory.getApplication(reference)).toMatchObject({
          objectId: registered.objectId,
          appId: registered.appId,
          uniqueName: registered.uniqueName,
          deployment: 'payments',
          client: registered.client,
          requestedAccessTokenVersion: 2,
          optionalClaims: {
            idToken: ['preferred_username'],
            accessToken: ['preferred_username'],
          },
        });
      }
      expect(
        await directory.getApplication({ uniqueName: 'camunda-nothing-here' }),
      ).toBeUndefined();
    });

    it('reads applications and service principals of app IDs together, through one $batch', async () => {
      const directory = sandboxDirectory(sandbox, { grantAdminConsent: false });
      const registered = await directory.registerDeployment(manyPlans(32), {
        deployment: 'bulk',
      });
      const appIds = registered.map(r => r.appId);

      sandbox.admin.resetCounters();
      const deployment = await directory.getApplicationsByAppId(
        appIds.slice(0, 6),
      );
      expect(deployment.applications).toHaveLength(6);
      expect(deployment.servicePrincipalAppIds.sort()).toEqual(
        appIds.slice(0, 6).sort(),
      );
      // A deployment's applications and their service principals: one round trip.
      expect(sandbox.admin.counters()).toMatchObject({
        graphRequests: 1,
        byOperation: { 'GET applications': 1, 'GET servicePrincipals': 1 },
      });

      sandbox.admin.resetCounters();
      const found = await directory.getApplicationsByAppId([
        ...appIds,
        '00000000-0000-4000-8000-000000000000',
      ]);
      expect(found.applications.map(a => a.appId).sort()).toEqual(
        [...appIds].sort(),
      );
      expect(found.servicePrincipalAppIds.sort()).toEqual([...appIds].sort());
      expect(sandbox.admin.counters()).toMatchObject({
        graphRequests: 1,
        byOperation: { 'GET applications': 3, 'GET servicePrincipals': 3 },
      });
    });

    it('lists by tag and follows @odata.nextLink', async () => {
      // Graph may return fewer items than $top asks for; this sandbox serves two per page.
      const paging = await startEntraSandbox({ maxPageSize: 2 });
      try {
        const directory = sandboxDirectory(paging, {
          grantAdminConsent: false,
        });
        await directory.registerDeployment(manyPlans(5), {
          deployment: 'bulk',
        });
        await directory.registerDeployment(guideSpec(paging), {});
        paging.admin.resetCounters();

        const bulk = await directory.listApplications({ deployment: 'bulk' });
        expect(bulk.map(a => a.uniqueName).sort()).toEqual(
          manyPlans(5)
            .map(p => p.uniqueName)
            .sort(),
        );
        expect(paging.admin.counters().byOperation['GET applications']).toBe(3);
        expect(await directory.listApplications()).toHaveLength(11);

        // An expiry scan's read: only whose secrets, and their metadata.
        const secret = await directory.addSecret(bulk[0].objectId, {
          displayName: 'scan',
        });
        const scanned = await directory.listApplications({
          deployment: 'bulk',
          only: 'secrets',
        });
        expect(scanned.find(a => a.appId === bulk[0].appId)).toMatchObject({
          displayName: bulk[0].displayName,
          deployment: 'bulk',
          passwordCredentials: [{ keyId: secret.keyId, displayName: 'scan' }],
          webRedirectUris: [],
          requestedAccessTokenVersion: null,
        });
        expect(
          (await directory.getApplicationsByAppId(bulk.map(a => a.appId)))
            .applications,
        ).toHaveLength(5);
      } finally {
        await paging.stop();
      }
    });

    it('finds applications by the start of their display name, whatever its case', async () => {
      const directory = sandboxDirectory(sandbox, { grantAdminConsent: false });
      const [registered] = await directory.registerDeployment(manyPlans(1), {
        deployment: 'named',
      });
      const { displayName } = registered;

      const found = await directory.findApplicationsByDisplayName(
        displayName.slice(0, 5).toUpperCase(),
      );
      const none = await directory.findApplicationsByDisplayName(
        'no such application',
      );

      expect(found.map(a => a.appId)).toContain(registered.appId);
      expect(none).toEqual([]);
    });
  });

  describe('credentials', () => {
    it('authenticates with a client certificate', async () => {
      const certificatePath = path.join(files, 'identity.pem');
      fs.writeFileSync(
        certificatePath,
        `${client.privateKeyPem}\n${client.certificatePem}`,
        { mode: 0o600 },
      );
      const directory = sandboxDirectory(sandbox, {
        clientId: CERTIFICATE_ID,
        clientSecret: undefined,
        certificatePath,
      });
      expect(await directory.listApplications()).toEqual([]);
      expect(sandbox.admin.counters().tokenRequests).toBe(1);
    });

    it('authenticates with a federated token file (workload identity)', async () => {
      const tokenFile = path.join(files, 'token');
      fs.writeFileSync(
        tokenFile,
        await sandbox.admin.issueFederatedToken(FEDERATED_SUBJECT),
      );
      const directory = sandboxDirectory(sandbox, {
        clientId: FEDERATED_ID,
        clientSecret: undefined,
        federatedTokenFile: tokenFile,
      });
      expect(await directory.listApplications()).toEqual([]);
      expect(sandbox.admin.counters().tokenRequests).toBe(1);
    });

    it('reports a wrong client secret as an authentication error', async () => {
      const error = await sandboxDirectory(sandbox, {
        clientSecret: 'not-the-secret',
      })
        .listApplications()
        .catch(e => e);
      expect(error.name).toBe('AuthenticationError');
      expect(error.message).toContain('AADSTS7000215');
      expect(error.message).not.toContain('not-the-secret');
      expect(sandbox.admin.counters().graphRequests).toBe(0);
    });
  });
});
