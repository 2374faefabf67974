import {
  ComponentEntraStatus,
  EntraApplicationPlan,
  RedirectUriComparison,
} from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';

type Platform = ComponentEntraStatus['expectedPlatform'];

/**
 * The platform whose redirect URIs are set: the expected one when it has any, as that is
 * the one sign-in uses; `none` when neither has.
 */
export function actualPlatform(
  application: EntraApplicationInfo,
  expected?: Platform,
): Platform {
  const withUris = (['web', 'spa'] as const).filter(
    platform => registeredUris(application, platform).length > 0,
  );
  if (expected && withUris.includes(expected as 'web' | 'spa')) {
    return expected;
  }
  return withUris[0] ?? 'none';
}

function registeredUris(
  application: EntraApplicationInfo,
  platform: Platform,
): string[] {
  if (platform === 'web') {
    return application.webRedirectUris;
  }
  return platform === 'spa' ? application.spaRedirectUris : [];
}

/**
 * Expected against registered redirect URIs. A URI counts as present only on the expected
 * platform (a SPA URI registered as Web fails sign-in), so one on the wrong platform is both
 * missing and unexpected. URIs are compared exactly: Entra treats them case-sensitively.
 * Without expectations nothing is missing or unexpected.
 */
export function compareRedirectUris(
  expected: Pick<EntraApplicationPlan, 'platform' | 'redirectUris'> | undefined,
  application: EntraApplicationInfo | undefined,
): RedirectUriComparison {
  const actual = application
    ? [
        ...new Set([
          ...application.webRedirectUris,
          ...application.spaRedirectUris,
        ]),
      ]
    : [];
  if (!expected) {
    return { expected: [], actual, missing: [], unexpected: [] };
  }
  const onPlatform = application
    ? registeredUris(application, expected.platform)
    : [];
  return {
    expected: expected.redirectUris,
    actual,
    missing: expected.redirectUris.filter(uri => !onPlatform.includes(uri)),
    unexpected: actual.filter(
      uri => !(onPlatform.includes(uri) && expected.redirectUris.includes(uri)),
    ),
  };
}
