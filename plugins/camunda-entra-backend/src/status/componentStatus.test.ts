import { EntraApplicationPlan } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';
import { componentStatus, ComponentStatusInput } from './componentStatus';
import { secretExpiry } from './secretExpiry';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-01-01T00:00:00Z');
const THRESHOLDS = { warningDays: 30, criticalDays: 7 };
const APP_ID = '0a1b2c3d-0000-4000-8000-000000000006';

const consolePlan: EntraApplicationPlan = {
  client: 'console',
  displayName: 'Camunda payments Console',
  uniqueName: 'camunda-payments-console',
  platform: 'spa',
  redirectUris: ['https://console.example.com'],
  needsSecret: false,
  components: ['console'],
  optionalClaims: ['preferred_username'],
};

const optimizePlan: EntraApplicationPlan = {
  client: 'optimize',
  displayName: 'Camunda payments Optimize',
  uniqueName: 'camunda-payments-optimize',
  platform: 'web',
  redirectUris: ['https://optimize.example.com/api/authentication/callback'],
  needsSecret: true,
  components: ['optimize'],
  optionalClaims: ['preferred_username'],
};

function application(
  overrides: Partial<EntraApplicationInfo> = {},
): EntraApplicationInfo {
  return {
    objectId: 'object-1',
    appId: APP_ID,
    displayName: 'Camunda payments Console',
    tags: ['camunda-entra:deployment:payments'],
    deployment: 'payments',
    webRedirectUris: [],
    spaRedirectUris: ['https://console.example.com'],
    requestedAccessTokenVersion: 2,
    optionalClaims: {
      idToken: ['preferred_username'],
      accessToken: ['preferred_username'],
    },
    passwordCredentials: [],
    keyCredentials: [],
    ...overrides,
  };
}

const evaluate = (input: Partial<ComponentStatusInput>) =>
  componentStatus({
    client: 'console',
    appId: APP_ID,
    deployment: 'payments',
    expected: consolePlan,
    application: application(),
    servicePrincipal: true,
    portalUrl: 'https://entra.microsoft.us',
    now: NOW,
    thresholds: THRESHOLDS,
    ...input,
  });

describe('componentStatus', () => {
  it('shows nothing of an application tagged for another deployment or none', () => {
    for (const deployment of ['billing', undefined]) {
      const status = evaluate({
        application: application({
          deployment,
          tags: deployment ? [`camunda-entra:deployment:${deployment}`] : [],
          passwordCredentials: [
            { keyId: 'k1', endDateTime: '2026-06-01T00:00:00Z' },
          ],
        }),
      });

      expect(status).toMatchObject({
        found: false,
        secrets: [],
        servicePrincipal: false,
        health: 'error',
        problems: [
          `Client ID ${APP_ID} is not part of this deployment: its application is neither tagged for payments nor recorded by its registration`,
        ],
      });
      expect(status.redirectUris.actual).toEqual([]);
    }
  });

  it('shows an untagged application its registration recorded (an adopted one), with its secrets', () => {
    const status = evaluate({
      recorded: true,
      application: application({
        deployment: undefined,
        tags: [],
        passwordCredentials: [
          { keyId: 'k1', endDateTime: '2026-06-01T00:00:00Z' },
        ],
      }),
    });

    expect(status).toMatchObject({
      found: true,
      secrets: [{ keyId: 'k1', status: 'ok' }],
    });
    expect(status.drift.map(d => d.property)).toContain('tags');
  });

  it('is healthy when the application is as planned; a public client needs no secret', () => {
    expect(evaluate({})).toMatchObject({
      found: true,
      expectedPlatform: 'spa',
      actualPlatform: 'spa',
      secrets: [],
      problems: [],
      health: 'ok',
      portalUrl: `https://entra.microsoft.us/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${APP_ID}`,
    });
  });

  it('flags URIs registered on the wrong platform as missing, unexpected and misplaced', () => {
    const status = evaluate({
      application: application({
        webRedirectUris: ['https://console.example.com'],
        spaRedirectUris: [],
      }),
    });

    expect(status).toMatchObject({
      actualPlatform: 'web',
      redirectUris: {
        missing: ['https://console.example.com'],
        unexpected: ['https://console.example.com'],
      },
      health: 'error',
    });
    expect(status.problems[0]).toBe(
      'Redirect URIs are registered for the Web platform; this client needs Single-page application redirect URIs',
    );
  });

  it('flags v1 tokens, a missing preferred_username claim and a missing service principal', () => {
    const status = evaluate({
      application: application({
        requestedAccessTokenVersion: null,
        optionalClaims: { idToken: ['preferred_username'], accessToken: [] },
      }),
      servicePrincipal: false,
    });

    expect(status).toMatchObject({
      accessTokenVersion2: false,
      preferredUsernameClaim: false,
      servicePrincipal: false,
      health: 'error',
    });
    expect(status.problems).toEqual([
      expect.stringMatching(/^Access tokens are not version 2/),
      expect.stringMatching(/^preferred_username is not an optional claim/),
      expect.stringMatching(/^The application has no service principal/),
    ]);
  });

  it('reports an application that does not exist', () => {
    expect(evaluate({ application: undefined })).toMatchObject({
      found: false,
      expectedPlatform: 'spa',
      redirectUris: {
        expected: ['https://console.example.com'],
        actual: [],
        missing: ['https://console.example.com'],
      },
      problems: [
        `No application with client ID ${APP_ID} exists in the tenant`,
      ],
      health: 'error',
    });
  });

  it('judges a confidential client by its newest secret, listing all newest first', () => {
    const secret = (keyId: string, days: number) => ({
      keyId,
      endDateTime: new Date(NOW + days * DAY).toISOString(),
    });
    const optimize = (
      passwordCredentials: Array<{ keyId: string; endDateTime: string }>,
    ) =>
      evaluate({
        client: 'optimize',
        expected: optimizePlan,
        application: application({
          webRedirectUris: optimizePlan.redirectUris,
          spaRedirectUris: [],
          passwordCredentials,
        }),
      });

    const rotated = optimize([secret('old', 2), secret('new', 180)]);
    expect(rotated.secrets.map(s => [s.keyId, s.status])).toEqual([
      ['new', 'ok'],
      ['old', 'critical'],
    ]);
    expect(rotated.health).toBe('ok');

    expect(optimize([secret('a', 10)])).toMatchObject({
      health: 'warning',
      problems: [
        `The newest client secret expires in 10 days (${new Date(
          NOW + 10 * DAY,
        ).toISOString()}); request a rotation`,
      ],
    });
    expect(optimize([secret('a', 6)]).health).toBe('error');
    expect(optimize([secret('a', -1)]).problems).toEqual([
      'No valid client secret: the component cannot authenticate; request a rotation',
    ]);
    expect(optimize([]).health).toBe('error');
  });

  it('lists the drift a repair undoes, and a missing groups claim as an error', () => {
    const registered = application({
      signInAudience: 'AzureADMyOrg',
      tags: [
        'camunda-entra',
        'camunda-entra:deployment:payments',
        'camunda-entra:client:console',
      ],
    });
    const groups = {
      ...consolePlan,
      groupMembershipClaims: 'SecurityGroup' as const,
    };

    expect(evaluate({ application: registered }).drift).toEqual([]);
    const drifted = evaluate({
      expected: groups,
      application: {
        ...registered,
        spaRedirectUris: [],
        webRedirectUris: ['https://console.example.com'],
      },
    });
    expect(drifted.drift.map(d => d.property)).toEqual([
      'web.redirectUris',
      'spa.redirectUris',
      'groupMembershipClaims',
    ]);
    expect(drifted.health).toBe('error');
    expect(drifted.problems).toContain(
      'Tokens lack the groups claim (groupMembershipClaims is None, needs SecurityGroup): the roles of access.groups reach nobody',
    );
    expect(
      evaluate({
        application: { ...registered, groupMembershipClaims: 'All' },
      }),
    ).toMatchObject({
      health: 'warning',
      drift: [
        { property: 'groupMembershipClaims', actual: 'All', expected: 'None' },
      ],
    });
    expect(evaluate({ expected: undefined }).drift).toEqual([]);
  });
});

describe('secretExpiry', () => {
  const at = (ms: number) =>
    secretExpiry(new Date(NOW + ms).toISOString(), NOW, THRESHOLDS);

  it('counts whole days left and applies the thresholds to them', () => {
    expect(at(30 * DAY)).toEqual({ daysLeft: 30, status: 'ok' });
    expect(at(30 * DAY - 1)).toEqual({ daysLeft: 29, status: 'expiring' });
    expect(at(7 * DAY)).toEqual({ daysLeft: 7, status: 'expiring' });
    expect(at(7 * DAY - 1)).toEqual({ daysLeft: 6, status: 'critical' });
    expect(at(1)).toEqual({ daysLeft: 0, status: 'critical' });
    expect(at(0)).toEqual({ daysLeft: 0, status: 'expired' });
    expect(at(-1)).toEqual({ daysLeft: -1, status: 'expired' });
  });
});
