import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { guideSpec } from '../testUtils';
import { registrationSummary } from './registrationSummary';

describe('registrationSummary', () => {
  const spec = guideSpec({
    tenantId: '6f1c2f43-0000-4000-8000-000000000001',
    authorityHost: 'https://login.microsoftonline.com',
    url: 'https://graph.microsoft.com',
  });
  const summary = (client: string) =>
    registrationSummary(
      planEntraApplications(spec).find(plan => plan.client === client)!,
      { deployment: spec.name },
    );

  it('names the platform, redirect URIs, Graph scopes, optional claims and groups claim registration writes', () => {
    expect(summary('optimize')).toEqual({
      platform: 'web',
      redirectUris: [
        'https://optimize.example.com/api/authentication/callback',
      ],
      apiPermissions: ['openid', 'profile', 'email', 'offline_access'],
      optionalClaims: {
        idToken: ['preferred_username'],
        accessToken: ['preferred_username'],
      },
      groupMembershipClaims: 'None',
    });
    expect(summary('console')).toMatchObject({
      platform: 'spa',
      redirectUris: ['http://localhost:8087/'],
    });
  });

  it('says none for an application without redirect URIs', () => {
    expect(summary('webModelerApi')).toMatchObject({
      platform: 'none',
      redirectUris: [],
    });
  });
});
