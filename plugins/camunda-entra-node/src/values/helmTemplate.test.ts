import {
  componentUrl,
  ENTRA_CLIENT_KEYS,
} from '@camunda-entra/plugin-camunda-entra-common';
import { parse } from 'yaml';
import {
  chartWarnings,
  helmTemplate,
  orchestrationConfiguration,
  orchestrationEnvironment,
  renderGolden,
} from './__testUtils__/helm';
import { fixtureNames, fixtureSpec } from './__testUtils__/specs';

// Rendering is the chart's own check: its fail rules and templates see what the schema does not.
describe.each(fixtureNames())('golden values of %s rendered by Helm', name => {
  const spec = fixtureSpec(name);
  let manifests: ReturnType<typeof helmTemplate>;
  beforeAll(() => {
    manifests = renderGolden(name);
  });

  it('render, with every registered client ID in the manifests', () => {
    const rendered = JSON.stringify(manifests);
    const registered = ENTRA_CLIENT_KEYS.filter(key => spec.clients[key]);
    expect(registered).not.toEqual([]);
    expect(
      registered.filter(key => !rendered.includes(spec.clients[key]!)),
    ).toEqual([]);
  });

  it('give the Orchestration Cluster its client and administrators', () => {
    const { security } = orchestrationConfiguration(
      manifests,
      spec.release,
    ).camunda;
    expect(security.authentication.oidc['client-id']).toBe(
      spec.clients.orchestration,
    );
    expect(security.initialization['default-roles'].admin.users).toEqual(
      spec.admins,
    );
    expect(security.initialization['default-roles'].connectors.users).toEqual(
      [],
    );
  });

  it("give the Orchestration Cluster the spec's claims, scopes and login callback", () => {
    const { oidc } = orchestrationConfiguration(manifests, spec.release).camunda
      .security.authentication;
    const id = spec.clients.orchestration!;
    expect({
      usernameClaim: oidc['username-claim'],
      clientIdClaim: oidc['client-id-claim'],
      preferUsernameClaim: oidc['prefer-username-claim'],
      redirectUri: oidc['redirect-uri'],
      scope: oidc.scope,
      audiences: oidc.audiences,
    }).toEqual({
      usernameClaim: spec.claims.username,
      clientIdClaim: spec.claims.clientId,
      preferUsernameClaim: true,
      redirectUri: `${componentUrl(spec, 'orchestration')}/sso-callback`,
      scope: ['openid', 'profile', 'offline_access', `${id}/.default`],
      audiences: expect.arrayContaining([id]),
    });
  });

  it("turn the Orchestration Cluster's userinfo call off from 8.9 on, where Spring Security 7 makes it", () => {
    // Spring Security 6 (8.8) calls userinfo only for standard scope names, which Entra's
    // resource-qualified scopes never are; 7 calls it on every login and Graph refuses it.
    const environment = orchestrationEnvironment(manifests, spec.release);
    expect(
      environment.CAMUNDA_SECURITY_AUTHENTICATION_OIDC_USERINFOENABLED,
    ).toBe(spec.chart === '8.8' ? undefined : 'false');
    expect(
      orchestrationConfiguration(manifests, spec.release).camunda.security
        .authentication.oidc['user-info-enabled'],
    ).toBeUndefined();
  });

  it('give each Entra group a mapping rule on the groups claim and its roles', () => {
    const { initialization } = orchestrationConfiguration(
      manifests,
      spec.release,
    ).camunda.security;
    const groups = spec.access?.groups ?? [];
    const rules: Array<Record<string, string>> =
      initialization['mapping-rules'] ?? [];
    expect(rules).toHaveLength(groups.length);
    for (const group of groups) {
      const rule = rules.find(
        candidate => candidate.claimValue === group.id.toLowerCase(),
      );
      expect(rule).toEqual({
        mappingRuleId: expect.stringMatching(/^[A-Za-z0-9_~@.+-]+$/),
        claimName: 'groups',
        claimValue: group.id.toLowerCase(),
      });
      const rolesWithRule = Object.entries(
        initialization['default-roles'] as Record<
          string,
          { mappingRules?: string[] }
        >,
      )
        .filter(([, members]) =>
          members.mappingRules?.includes(rule!.mappingRuleId),
        )
        .map(([role]) => role);
      expect(rolesWithRule.sort()).toEqual([...group.roles].sort());
    }
  });

  it('give each machine client its authorizations, owned by its client ID', () => {
    const { initialization } = orchestrationConfiguration(
      manifests,
      spec.release,
    ).camunda.security;
    const expected = (spec.machineClients ?? []).flatMap(client =>
      client.authorizations.map(authorization => ({
        ownerType: 'CLIENT',
        ownerId: spec.clients.machine?.[client.name],
        ...authorization,
      })),
    );
    expect(initialization.authorizations ?? []).toEqual(expected);
  });
});

describe('every component of chart 8.10, rendered by Helm', () => {
  const spec = fixtureSpec('full-8.10');
  let manifests: ReturnType<typeof helmTemplate>;
  beforeAll(() => {
    manifests = renderGolden('full-8.10');
  });

  // Chart 15.x deprecates the Orchestration Cluster's claim, scope, redirect and identity-as-code
  // values, the global search blocks and Web Modeler's and Console's keys (removed in chart 16).
  it('uses no value the chart deprecates', () => {
    expect(
      chartWarnings(manifests).filter(warning =>
        warning.includes('DEPRECATION:'),
      ),
    ).toEqual([]);
  });

  it('signs in with the Camunda Hub UI application and accepts its API audiences', () => {
    const configMap = manifests.find(
      manifest =>
        manifest.kind === 'ConfigMap' &&
        manifest.metadata?.name ===
          `${spec.release}-web-modeler-restapi-configuration`,
    );
    const { modeler } = parse(configMap!.data!['application.yaml']).camunda;
    expect({
      clientId: modeler.oauth2['client-id'],
      audiences: modeler.security.jwt.audience,
      url: modeler.server.url,
    }).toEqual({
      clientId: spec.clients.camundaHubUi,
      audiences: {
        'internal-api': spec.clients.camundaHubUi,
        'public-api': spec.clients.camundaHubApi,
      },
      url: componentUrl(spec, 'camundaHub'),
    });
  });

  it("lets the Orchestration Cluster accept the Camunda Hub UI's tokens", () => {
    expect(
      orchestrationConfiguration(manifests, spec.release).camunda.security
        .authentication.oidc.audiences,
    ).toContain(spec.clients.camundaHubUi);
  });

  it('renders no Console and no values of the Console it replaces', () => {
    expect(
      manifests.filter(manifest =>
        manifest.metadata?.name?.startsWith(`${spec.release}-console`),
      ),
    ).toEqual([]);
    expect(chartWarnings(manifests).join('\n')).not.toMatch(/console/i);
  });
});
