import { RenderedChart } from '../rendered';
import { lookup, SpringConfig } from '../springConfig';
import { StepFailure } from '../failure';
import { Line, OrchestrationAccess, UserInfoPolicy, WebSignIn } from './types';

const OIDC = 'camunda.security.authentication.oidc';
const INITIALIZATION = 'camunda.security.initialization';

/**
 * The Orchestration Cluster's configuration: StatefulSet `<release>-zeebe` on every line (the
 * name stayed for compatibility with 8.7), Spring Boot's `application.yaml` from ConfigMap
 * `<release>-zeebe-configuration-unified` on 8.8 and `-configuration` on 8.9+, found through
 * the container's mount either way, with its imported extra configuration and environment.
 */
function orchestrationConfig(chart: RenderedChart): SpringConfig | undefined {
  const container = chart.container(`${chart.release}-zeebe`);
  return container
    ? SpringConfig.load(container, '/usr/local/camunda/config/application.yaml')
    : undefined;
}

function required(config: SpringConfig, path: string): string {
  const value = config.get(path);
  if (!value) {
    throw new StepFailure('configuration', `${path} is not set`);
  }
  return value;
}

/**
 * 8.8 runs Spring Boot 3 (Spring Security 6), 8.9 and 8.10 Spring Boot 4 (Spring Security 7);
 * `user-info-enabled: false` (camunda/camunda-docs#9443) skips the call on any line.
 */
function userInfoPolicy(config: SpringConfig, line: Line): UserInfoPolicy {
  if (config.get(`${OIDC}.user-info-enabled`)?.toLowerCase() === 'false') {
    return 'off';
  }
  return line === '8.8' ? 'spring-security-6' : 'spring-security-7';
}

/** The webapps' (Operate, Tasklist, Identity) sign-in, as the rendered configuration sets it. */
export function orchestrationSignIn(
  chart: RenderedChart,
  line: Line,
): WebSignIn | undefined {
  const config = orchestrationConfig(chart);
  if (!config) {
    return undefined;
  }
  return {
    flow: 'web',
    authority: { issuer: required(config, `${OIDC}.issuer-uri`) },
    clientId: required(config, `${OIDC}.client-id`),
    clientSecret: config.get(`${OIDC}.client-secret`) ?? '',
    // Spring Security's default, unless the chart renders another.
    clientAuthentication:
      config.get(`${OIDC}.client-authentication-method`) ===
      'client_secret_post'
        ? 'client_secret_post'
        : 'client_secret_basic',
    redirectUri: required(config, `${OIDC}.redirect-uri`),
    scopes: config.list(`${OIDC}.scope`),
    audiences: config.list(`${OIDC}.audiences`),
    userInfo: userInfoPolicy(config, line),
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [];

/**
 * What the Orchestration Cluster checks on every token and whom it gives which role: its
 * audiences and claims, and the identity-as-code initialization (mapping rules, default
 * roles, authorizations), read from the rendered files.
 */
export function orchestrationAccess(
  chart: RenderedChart,
): OrchestrationAccess | undefined {
  const config = orchestrationConfig(chart);
  if (!config) {
    return undefined;
  }
  const rules = config.tree(`${INITIALIZATION}.mapping-rules`);
  const roles = config.tree(`${INITIALIZATION}.default-roles`) ?? {};
  const authorizations = config.tree(`${INITIALIZATION}.authorizations`);
  return {
    issuer: required(config, `${OIDC}.issuer-uri`),
    clientId: required(config, `${OIDC}.client-id`),
    audiences: config.list(`${OIDC}.audiences`),
    // Camunda's defaults when the chart renders none.
    usernameClaim: config.get(`${OIDC}.username-claim`) ?? 'sub',
    clientIdClaim: config.get(`${OIDC}.client-id-claim`) ?? 'client_id',
    mappingRules: (Array.isArray(rules) ? rules : []).map(rule => ({
      id: String(lookup(rule, 'mappingRuleId')),
      claimName: String(lookup(rule, 'claimName')),
      claimValue: String(lookup(rule, 'claimValue')),
    })),
    roles: Object.fromEntries(
      Object.entries(roles as Record<string, unknown>).map(
        ([role, members]) => [
          role,
          {
            users: strings(lookup(members, 'users')),
            clients: strings(lookup(members, 'clients')),
            mappingRules: strings(lookup(members, 'mappingRules')),
          },
        ],
      ),
    ),
    clientAuthorizations: (Array.isArray(authorizations) ? authorizations : [])
      .filter(a => lookup(a, 'ownerType') === 'CLIENT')
      .map(a => String(lookup(a, 'ownerId'))),
  };
}
