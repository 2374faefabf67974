import { planEntraApplications } from '@camunda-entra/plugin-camunda-entra-common';
import { applicationManifest } from './applicationManifest';
import { guideSpec } from '../testUtils';
import { manifestChanges } from './manifestChanges';

const spec = guideSpec({
  tenantId: '7e57ab1e-5a4d-4b0c-8000-00000000e1d1',
  authorityHost: 'https://127.0.0.1:7443',
  url: 'https://127.0.0.1:7443',
});
const plan = planEntraApplications(spec).find(p => p.client === 'optimize')!;
const manifest = applicationManifest(plan, { deployment: 'payments' });

/** The application as Graph returns it: the manifest plus properties Graph adds. */
const asGraphReturns = () => ({
  ...structuredClone(manifest),
  id: 'object-id',
  web: {
    redirectUris: [...manifest.web.redirectUris],
    homePageUrl: null,
    redirectUriSettings: [],
  },
  optionalClaims: {
    idToken: [{ name: 'preferred_username', essential: false, source: null }],
    accessToken: [
      { name: 'preferred_username', essential: false, source: null },
    ],
    saml2Token: [],
  },
});

describe('manifestChanges', () => {
  it('is empty when the application holds the manifest, whatever Graph adds', () => {
    expect(manifestChanges(manifest, asGraphReturns())).toEqual({});
  });

  it('names only the properties that differ, with their desired values', () => {
    const current = {
      ...asGraphReturns(),
      web: { redirectUris: ['https://stale.example.com/callback'] },
      api: { requestedAccessTokenVersion: null },
      tags: [...manifest.tags].slice(1),
    };
    expect(manifestChanges(manifest, current)).toEqual({
      web: manifest.web,
      api: manifest.api,
      tags: manifest.tags,
    });
  });

  it('takes group claims of None for the null of an application without them', () => {
    expect(manifest.groupMembershipClaims).toBeNull();
    expect(
      manifestChanges(manifest, {
        ...asGraphReturns(),
        groupMembershipClaims: 'None',
      }),
    ).toEqual({});
    expect(
      manifestChanges(manifest, {
        ...asGraphReturns(),
        groupMembershipClaims: 'All',
      }),
    ).toEqual({ groupMembershipClaims: null });
  });

  it('treats an extra redirect URI or a missing property as a change', () => {
    const current: Record<string, unknown> = asGraphReturns();
    (current.web as { redirectUris: string[] }).redirectUris.push(
      'https://extra.example.com',
    );
    delete current.notes;
    expect(Object.keys(manifestChanges(manifest, current)).sort()).toEqual([
      'notes',
      'web',
    ]);
  });
});
