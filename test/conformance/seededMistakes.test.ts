import { EntraSandbox } from '@camunda-entra/entra-sandbox';
import { Registration } from './deployment';
import { goldenSpecInput, PEOPLE, startConformanceSandbox } from './golden';
import { conformanceOf, Seed } from './run';
import { patchApplication } from './sandboxGraph';

const DEPLOYMENT_TIMEOUT_MS = 120_000;

function application(registration: Registration, client: string) {
  const found = registration.registered.find(r => r.client === client);
  if (!found) {
    throw new Error(`no ${client} application was registered`);
  }
  return found;
}

/** Removes the 8.9+ userinfo correction, leaving the guide's own configuration. */
function withUserInfoLeftOn(values: Record<string, any>) {
  const env: Array<{ name: string }> = values.orchestration?.env ?? [];
  const kept = env.filter(
    e => e.name !== 'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED',
  );
  if (kept.length === env.length) {
    throw new Error('the values do not turn userinfo off: nothing to seed');
  }
  values.orchestration.env = kept;
}

describe('the conformance harness catches each seeded mistake', () => {
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startConformanceSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
  });

  /** The failures of the 8.9 golden deployment (own registration) with one mistake seeded. */
  const failuresWith = async (name: string, seed: Seed) =>
    (await conformanceOf(sandbox, goldenSpecInput('8.9', sandbox, name), seed))
      .failures;

  it(
    'a single-page app registered as Web',
    async () => {
      const failures = await failuresWith('spa-as-web', {
        registration: async registration => {
          const ui = application(registration, 'webModelerUi');
          const uris = [`https://modeler.example.com/login-callback`];
          await patchApplication(sandbox, ui.objectId, {
            spa: { redirectUris: [] },
            web: { redirectUris: uris },
          });
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 webModeler: token: 400 \S+ AADSTS9002326: /,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'a redirect URI that differs in one path segment',
    async () => {
      const failures = await failuresWith('redirect-segment', {
        registration: async registration => {
          await patchApplication(
            sandbox,
            application(registration, 'optimize').objectId,
            {
              web: {
                redirectUris: [
                  'https://optimize.example.com/api/auth/callback',
                ],
              },
            },
          );
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 optimize: authorize: 400 AADSTS50011: The redirect URI 'https:\/\/optimize\.example\.com\/api\/authentication\/callback' /,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'a wrong audience',
    async () => {
      const failures = await failuresWith('wrong-audience', {
        // The chart's Keycloak default, which the guide's readers leave in place.
        values: values => {
          values.global.identity.auth.optimize.audience = 'optimize-api';
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 optimize: access token: aud "[0-9a-f-]+" is not an accepted audience \(optimize-api\)$/,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'the /.default scope missing',
    async () => {
      const failures = await failuresWith('no-default-scope', {
        values: values => {
          const oidc = values.connectors.security.authentication.oidc;
          oidc.tokenScope = oidc.clientId;
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 connectors: token: 400 invalid_scope AADSTS1002012: /,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'a registration whose tokens carry no groups claim',
    async () => {
      const failures = await failuresWith('no-groups-claim', {
        registration: async registration => {
          await patchApplication(
            sandbox,
            application(registration, 'orchestration').objectId,
            { groupMembershipClaims: 'None' },
          );
        },
      });
      expect(failures).toEqual([
        `8.9 orchestration: roles: ${PEOPLE[1].upn} is not given readonly-admin by the rendered users and mapping rules`,
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'one registration shared by two components',
    async () => {
      const failures = await failuresWith('shared-registration', {
        // Optimize configured with the Orchestration Cluster's application and secret.
        values: values => {
          const orchestration =
            values.orchestration.security.authentication.oidc;
          Object.assign(values.global.identity.auth.optimize, {
            clientId: orchestration.clientId,
            audience: orchestration.audience,
            secret: orchestration.secret,
          });
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 optimize: authorize: 400 AADSTS50011: The redirect URI 'https:\/\/optimize\.example\.com\/api\/authentication\/callback' /,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it.each(['8.9', '8.10'] as const)(
    "userinfo left on for %s (the guide's own configuration)",
    async line => {
      const report = await conformanceOf(
        sandbox,
        goldenSpecInput(line, sandbox, `userinfo-on-${line.replace('.', '-')}`),
        { values: withUserInfoLeftOn },
      );
      expect(report.failures).toEqual([
        `${line} orchestration: userinfo: 401 InvalidAuthenticationToken Access token validation failure. Invalid audience.`,
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );

  it(
    'a Secret key the values read that the sink never writes',
    async () => {
      const failures = await failuresWith('unwritten-key', {
        values: values => {
          values.orchestration.security.authentication.oidc.secret.existingSecretKey =
            'orchestration-client-secret';
        },
      });
      expect(failures).toEqual([
        expect.stringMatching(
          /^8\.9 orchestration: secret: camunda-zeebe env VALUES_ORCHESTRATION_CLIENT_SECRET reads key orchestration-client-secret of Secret entra-credentials, which the secrets manifest does not write/,
        ),
      ]);
    },
    DEPLOYMENT_TIMEOUT_MS,
  );
});
