import {
  bundlesDatabases,
  DeploymentSpec,
} from '@camunda-entra/plugin-camunda-entra-common';

/**
 * A place where the generated values deliberately differ from the Camunda guide's example.
 *
 * @public
 */
export interface GuideCorrection {
  id: string;
  /** What the generated values do instead of the guide. */
  summary: string;
  /** Why the guide's version is wrong or redundant. */
  reason: string;
  /** Whether the correction shows in the values of a given spec. */
  appliesTo(spec: DeploymentSpec): boolean;
}

const enabled =
  (...components: Array<keyof DeploymentSpec['components']>) =>
  (spec: DeploymentSpec) =>
    components.every(component => spec.components[component] !== undefined);

/**
 * Every correction of the guide the generator applies (FACTS.md section 1).
 *
 * @public
 */
export const GUIDE_CORRECTIONS: readonly GuideCorrection[] = [
  {
    id: 'identity-postgresql-user-password-key',
    summary:
      '`identityPostgresql.auth.secretKeys.userPasswordKey` is `identity-postgresql-user-password`.',
    reason:
      'The guide points it at the admin password key, so the non-admin database user gets the admin password and the user password is never used.',
    appliesTo: spec =>
      bundlesDatabases(spec.chart) && enabled('identity')(spec),
  },
  {
    id: 'identity-full-url',
    summary:
      "Management Identity's URL is set with `identity.fullURL`; `global.identity.auth.identity.redirectUrl` is not emitted.",
    reason:
      'No template reads `global.identity.auth.identity.redirectUrl` (removed from the chart values in December 2025); without `identity.fullURL` Management Identity falls back to the ingress host or http://localhost:8084.',
    appliesTo: enabled('identity'),
  },
  {
    id: 'console-redirect-url',
    summary:
      '`global.identity.auth.console.redirectUrl` is the Console base URL of the spec.',
    reason:
      'The guide hard-codes http://localhost:8087, which breaks sign-in for any Console not reached through a port-forward.',
    appliesTo: enabled('console'),
  },
  {
    id: 'console-well-known',
    summary:
      "`global.identity.auth.console.wellKnown` is the tenant's OpenID configuration URL in its cloud.",
    reason:
      'The guide leaves it unset, and the chart default is the placeholder https://well-known-uri.',
    appliesTo: enabled('console'),
  },
  {
    id: 'nested-secret-blocks',
    summary:
      'Every client secret is referenced as `secret: { existingSecret, existingSecretKey }` with both fields.',
    reason:
      'Chart 14.x reads a flat string `secret.existingSecret` as the plaintext secret, and renders no secret at all when neither field is set.',
    appliesTo: () => true,
  },
  {
    id: 'secondary-storage',
    summary:
      'From chart 8.9 on secondary storage is configured: on 8.9 the bundled Elasticsearch unless the spec names another, on 8.10 (which bundles none) the one the spec names, in `orchestration.data.secondaryStorage` and `optimize.database`.',
    reason:
      'Charts 14.x and 15.x install no Elasticsearch by default and then refuse to render an Orchestration Cluster ("configure an expected secondary storage type").',
    appliesTo: spec =>
      spec.chart !== '8.8' &&
      (spec.components.orchestration !== undefined ||
        spec.components.optimize !== undefined),
  },
  {
    id: 'identity-database-user',
    summary:
      "The README names `identity` as Management Identity's database user (the chart default).",
    reason:
      'The guide calls it `bn_keycloak`, which the chart does not create.',
    appliesTo: spec =>
      bundlesDatabases(spec.chart) && enabled('identity')(spec),
  },
  {
    id: 'webmodeler-secret-key-name',
    summary:
      'The Web Modeler database admin password key is `webmodeler-postgresql-admin-password`.',
    reason:
      "The guide's key list has a typo (`literal=webmodeler-postgresql-admin-password`).",
    appliesTo: enabled('webModeler'),
  },
  {
    id: 'connectors-audience',
    summary:
      '`connectors.security.authentication.oidc.audience` is not emitted.',
    reason:
      'The chart schema does not declare it; the template defaults it to the Orchestration Cluster audience, which is the same value.',
    appliesTo: enabled('connectors'),
  },
  {
    id: 'connectors-role-users',
    summary:
      '`orchestration.security.initialization.defaultRoles.connectors.users` is `[]`.',
    reason:
      'Default roles merge with the chart default, which keeps a basic-auth user `connectors` that does not exist with OIDC.',
    appliesTo: enabled('orchestration'),
  },
  {
    id: 'orchestration-userinfo-off',
    summary:
      'From chart 8.9 on, `orchestration.env` sets `CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED` to `false` (`camunda.security.authentication.oidc.user-info-enabled`), the workaround of camunda/camunda-docs#9443.',
    reason:
      "The Orchestration Cluster 8.9 (Spring Security 7) calls the discovery document's userinfo endpoint on every login with an access token for the Camunda application; Microsoft Graph answers 401 (invalid audience) and the login ends in a 500 at /sso-callback (camunda/camunda#49811, #53685; fixed by #63587, after the image chart 14.8.4 ships). Chart 8.8 needs nothing: Spring Security 6 calls userinfo only when the granted scopes include standard names (profile, email, address, phone), which Entra's resource-qualified scopes never are.",
    appliesTo: spec =>
      spec.chart !== '8.8' && spec.components.orchestration !== undefined,
  },
  {
    id: 'orchestration-configuration-file',
    summary:
      "On chart 8.10 the Orchestration Cluster's claims, scopes, login callback, mapping rules and authorizations are in its own configuration, the file `camunda-entra.yaml` of `orchestration.extraConfiguration`, instead of `orchestration.security.authentication.oidc.*` and `orchestration.security.initialization.{mappingRules,authorizations}`.",
    reason:
      'Chart 15.x deprecates those values in favour of the Orchestration Cluster configuration and removes them in chart 16; the chart imports the file after its own application.yaml, so its settings win.',
    appliesTo: spec =>
      spec.chart === '8.10' && spec.components.orchestration !== undefined,
  },
  {
    id: 'identity-audience-without-optimize',
    summary:
      'Without Optimize, `identity.env` sets `CAMUNDA_IDENTITY_AUDIENCE` to the Management Identity client ID.',
    reason:
      'The guide mentions it only as a tip; Management Identity does not start without it when Optimize is disabled.',
    appliesTo: spec =>
      spec.components.identity !== undefined &&
      spec.components.optimize === undefined,
  },
];
