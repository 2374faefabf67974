import { HelmValues } from './buildValues';
import { YamlComment } from './yamlFile';

/**
 * Spring's relaxed binding of `camunda.security.authentication.oidc.user-info-enabled`. An
 * environment variable outranks every configuration file Spring reads, so neither the chart's
 * application.yaml nor an `orchestration.configuration` override can turn the call back on.
 */
export const USER_INFO_ENABLED_ENV =
  'CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED';

/** Written above the variable in values.yaml, for whoever wonders why it is there. */
const USER_INFO_COMMENT = [
  ' The Orchestration Cluster 8.9+ (Spring Security 7) calls the userinfo endpoint on every login',
  ' with an access token for this application; Microsoft Graph refuses it (401 Invalid audience) and',
  ' the login ends in a 500 at /sso-callback (camunda/camunda#49811, camunda/camunda#53685; fixed by',
  ' camunda/camunda#63587, after the image this chart ships). Workaround of camunda/camunda-docs#9443:',
  ' claims come from the ID token, which carries everything Camunda reads.',
].join('\n');

/** The Orchestration Cluster's environment entry that turns the userinfo call off. */
export function userInfoOffEnv(): HelmValues {
  return { name: USER_INFO_ENABLED_ENV, value: 'false' };
}

/** The comment above the userinfo entry of values that carry one. */
export function userInfoComments(values: HelmValues): YamlComment[] {
  const env = (values.orchestration as HelmValues | undefined)?.env;
  const index = Array.isArray(env)
    ? env.findIndex(entry => entry?.name === USER_INFO_ENABLED_ENV)
    : -1;
  return index < 0
    ? []
    : [{ path: ['orchestration', 'env', index], comment: USER_INFO_COMMENT }];
}
