/*
 * The registration benchmark's yardstick, not product code: what a competent engineer writes in
 * an hour to register a deployment's applications with plain Graph calls, every application in
 * parallel (create the application, then its password and its service principal side by side,
 * then the consent grant), honouring Retry-After on 429 and retrying replication's 404 and 400
 * after a short fixed pause. No reads first, so it is neither idempotent nor a re-run: it only
 * says how fast a first run can be. Plain JavaScript without dependencies, so that run as its own
 * process (`node straightforwardRegistration.cjs <input.json>`, the sandbox's CA in
 * NODE_EXTRA_CA_CERTS) it starts as fast as Node does. The input: { tenant: { tenantId,
 * authorityHost, url, clientId, clientSecret }, applications: [{ manifest, uniqueName,
 * needsSecret }], consentScope? }; the manifests and scope are registration's own
 * (applicationManifest, SIGN_IN_SCOPES); without consentScope no consent is granted.
 */
const { readFileSync } = require('node:fs');
const { setTimeout: sleep } = require('node:timers/promises');

const REPLICATION_PAUSE_MS = 500;
const MAX_ATTEMPTS = 60;
const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

async function registerStraightforwardly(input, fetchImpl = fetch) {
  const { tenant } = input;
  const tokenResponse = await fetchImpl(
    `${tenant.authorityHost}/${tenant.tenantId}/oauth2/v2.0/token`,
    {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        scope: `${tenant.url}/.default`,
      }),
    },
  );
  const token = (await tokenResponse.json()).access_token;

  /** One Graph call; 429 waits Retry-After, failures `retryIf` accepts the fixed pause. */
  async function call(method, path, body, retryIf = () => false) {
    for (let attempt = 1; ; attempt++) {
      const response = await fetchImpl(`${tenant.url}/v1.0${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (response.ok) {
        return text ? JSON.parse(text) : undefined;
      }
      const message = text ? JSON.parse(text).error?.message ?? '' : '';
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      } else if (retryIf(response.status, message) && attempt < MAX_ATTEMPTS) {
        await sleep(REPLICATION_PAUSE_MS);
      } else {
        throw new Error(`${method} ${path}: ${response.status} ${message}`);
      }
    }
  }
  const notFound = status => status === 404;
  const applicationNotYetValid = (status, message) =>
    status === 400 && /valid application object/i.test(message);

  const graphPrincipal = input.consentScope
    ? call(
        'GET',
        `/servicePrincipals(appId='${MICROSOFT_GRAPH_APP_ID}')?$select=id`,
      )
    : undefined;
  await Promise.all(
    input.applications.map(async ({ manifest, uniqueName, needsSecret }) => {
      const app = await call('POST', '/applications', {
        ...manifest,
        uniqueName,
      });
      const password = needsSecret
        ? call(
            'POST',
            `/applications/${app.id}/addPassword`,
            { passwordCredential: { displayName: 'benchmark' } },
            notFound,
          )
        : undefined;
      const principal = await call(
        'POST',
        '/servicePrincipals',
        { appId: app.appId },
        applicationNotYetValid,
      );
      if (input.consentScope) {
        await call(
          'POST',
          '/oauth2PermissionGrants',
          {
            clientId: principal.id,
            consentType: 'AllPrincipals',
            resourceId: (await graphPrincipal).id,
            scope: input.consentScope,
          },
          notFound,
        );
      }
      await password;
    }),
  );
}

module.exports = { registerStraightforwardly };

if (require.main === module) {
  registerStraightforwardly(
    JSON.parse(readFileSync(process.argv[2], 'utf8')),
  ).catch(error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
