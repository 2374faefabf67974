import { EntraApplicationPlan } from '@camunda-entra/plugin-camunda-entra-common';
import {
  applicationDifferences,
  applicationDrift,
  hasUnexpiredSecret,
} from './applicationDrift';
import { EntraApplicationInfo } from './types';

const plan: EntraApplicationPlan = {
  client: 'optimize',
  displayName: 'Camunda payments Optimize',
  uniqueName: 'camunda-payments-optimize',
  platform: 'web',
  redirectUris: ['https://optimize.example.com/api/authentication/callback'],
  needsSecret: true,
  components: ['optimize'],
  optionalClaims: ['preferred_username'],
};

const inLine: EntraApplicationInfo = {
  objectId: 'o',
  appId: 'a',
  displayName: plan.displayName,
  uniqueName: plan.uniqueName,
  tags: [
    'camunda-entra',
    'camunda-entra:deployment:payments',
    'camunda-entra:client:optimize',
  ],
  signInAudience: 'AzureADMyOrg',
  webRedirectUris: plan.redirectUris,
  spaRedirectUris: [],
  requestedAccessTokenVersion: 2,
  optionalClaims: {
    idToken: ['preferred_username'],
    accessToken: ['preferred_username'],
  },
  passwordCredentials: [],
  keyCredentials: [],
};

describe('applicationDrift', () => {
  it('finds nothing when the application matches the plan', () => {
    expect(applicationDrift(plan, 'payments', inLine)).toEqual([]);
  });

  it('names each property that differs', () => {
    expect(
      applicationDrift(plan, 'payments', {
        ...inLine,
        spaRedirectUris: plan.redirectUris,
        webRedirectUris: [],
        requestedAccessTokenVersion: null,
        optionalClaims: { idToken: [], accessToken: ['preferred_username'] },
      }),
    ).toEqual([
      'web.redirectUris',
      'spa.redirectUris',
      'api.requestedAccessTokenVersion',
      'optionalClaims.idToken',
    ]);
    expect(applicationDrift(plan, 'orders', inLine)).toEqual(['tags']);
  });

  it('compares group claims, an unset value meaning None', () => {
    const groups: EntraApplicationPlan = {
      ...plan,
      groupMembershipClaims: 'SecurityGroup',
    };
    expect(
      applicationDrift(plan, 'payments', {
        ...inLine,
        groupMembershipClaims: 'None',
      }),
    ).toEqual([]);
    expect(applicationDifferences(groups, 'payments', inLine)).toEqual([
      {
        property: 'groupMembershipClaims',
        actual: 'None',
        expected: 'SecurityGroup',
      },
    ]);
    expect(
      applicationDrift(plan, 'payments', {
        ...inLine,
        groupMembershipClaims: 'All',
      }),
    ).toEqual(['groupMembershipClaims']);
  });

  it('shows both values of each difference', () => {
    expect(
      applicationDifferences(plan, 'payments', {
        ...inLine,
        webRedirectUris: [...plan.redirectUris, 'https://rogue.example.com'],
        requestedAccessTokenVersion: null,
        optionalClaims: { idToken: [], accessToken: ['preferred_username'] },
      }),
    ).toEqual([
      {
        property: 'web.redirectUris',
        actual: `${plan.redirectUris[0]}, https://rogue.example.com`,
        expected: plan.redirectUris[0],
      },
      {
        property: 'api.requestedAccessTokenVersion',
        actual: '(none)',
        expected: '2',
      },
      {
        property: 'optionalClaims.idToken',
        actual: '(none)',
        expected: 'preferred_username',
      },
    ]);
  });
});

describe('hasUnexpiredSecret', () => {
  it('ignores expired secrets', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(
      hasUnexpiredSecret([{ endDateTime: '2026-05-01T00:00:00Z' }], now),
    ).toBe(false);
    expect(
      hasUnexpiredSecret([{ endDateTime: '2026-07-01T00:00:00Z' }], now),
    ).toBe(true);
    expect(hasUnexpiredSecret([], now)).toBe(false);
  });
});
