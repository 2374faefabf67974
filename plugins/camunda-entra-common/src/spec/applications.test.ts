import { planEntraApplications } from './applications';
import { validateDeploymentSpec } from './deploymentSpec';
import type { DeploymentSpec } from './types';

function spec(components: Record<string, object>, extra = {}): DeploymentSpec {
  const result = validateDeploymentSpec({
    name: 'payments',
    namespace: 'payments',
    chart: '8.9',
    tenant: { id: '6f1c2f43-1111-4222-8333-444455556666' },
    components,
    admins: ['alice@example.com'],
    webModeler: { fromAddress: 'noreply@example.com' },
    ...extra,
  });
  if (!result.valid) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.spec;
}

describe('planEntraApplications', () => {
  it('plans every application of the guide with its platform and redirect URI', () => {
    const plan = planEntraApplications(
      spec({
        orchestration: { url: 'https://camunda.example.com/' },
        connectors: {},
        identity: { url: 'https://example.com/identity' },
        optimize: { url: 'https://optimize.example.com' },
        webModeler: { url: 'https://modeler.example.com' },
        console: { url: 'https://console.example.com' },
      }),
    );
    expect(
      plan.map(({ client, platform, redirectUris, needsSecret }) => ({
        client,
        platform,
        redirectUris,
        needsSecret,
      })),
    ).toEqual([
      {
        client: 'orchestration',
        platform: 'web',
        redirectUris: ['https://camunda.example.com/sso-callback'],
        needsSecret: true,
      },
      {
        client: 'identity',
        platform: 'web',
        redirectUris: ['https://example.com/identity/auth/login-callback'],
        needsSecret: true,
      },
      {
        client: 'optimize',
        platform: 'web',
        redirectUris: [
          'https://optimize.example.com/api/authentication/callback',
        ],
        needsSecret: true,
      },
      {
        client: 'webModelerUi',
        platform: 'spa',
        redirectUris: ['https://modeler.example.com/login-callback'],
        needsSecret: false,
      },
      {
        client: 'webModelerApi',
        platform: 'none',
        redirectUris: [],
        needsSecret: true,
      },
      {
        client: 'console',
        platform: 'spa',
        redirectUris: ['https://console.example.com/'],
        needsSecret: false,
      },
    ]);
    expect(plan[0].components).toEqual(['orchestration', 'connectors']);
    expect(plan.map(app => app.uniqueName)).toEqual([
      'camunda-payments-orchestration',
      'camunda-payments-identity',
      'camunda-payments-optimize',
      'camunda-payments-web-modeler-ui',
      'camunda-payments-web-modeler-api',
      'camunda-payments-console',
    ]);
  });

  it('uses the guide local URLs for components without a url', () => {
    const plan = planEntraApplications(
      spec({ orchestration: {}, identity: {}, console: {} }),
    );
    expect(plan.map(app => app.redirectUris)).toEqual([
      ['http://localhost:8080/sso-callback'],
      ['http://localhost:8084/auth/login-callback'],
      ['http://localhost:8087/'],
    ]);
    expect(plan[0].components).toEqual(['orchestration']);
  });

  it('plans a confidential application without redirect URI per machine client', () => {
    const plan = planEntraApplications(
      spec(
        { orchestration: {} },
        {
          machineClients: [
            {
              name: 'payments-worker',
              authorizations: [
                {
                  resourceType: 'PROCESS_DEFINITION',
                  resourceId: '*',
                  permissions: ['READ_PROCESS_DEFINITION'],
                },
              ],
            },
          ],
        },
      ),
    );
    expect(plan.map(app => app.client)).toEqual([
      'orchestration',
      'machine.payments-worker',
    ]);
    expect(plan[1]).toEqual({
      client: 'machine.payments-worker',
      displayName: 'Camunda payments machine client payments-worker',
      uniqueName: 'camunda-payments-machine-payments-worker',
      platform: 'none',
      redirectUris: [],
      needsSecret: true,
      components: ['orchestration'],
      optionalClaims: ['preferred_username'],
    });
  });

  it('asks for the username claim as an optional claim where v2 tokens carry it only that way', () => {
    const claimsOf = (username?: string) =>
      planEntraApplications(
        spec(
          { orchestration: {}, identity: {} },
          username ? { claims: { username } } : {},
        ),
      ).map(app => app.optionalClaims);

    expect(claimsOf()).toEqual([
      ['preferred_username'],
      ['preferred_username'],
    ]);
    expect(claimsOf('upn')).toEqual([
      ['preferred_username', 'upn'],
      ['preferred_username', 'upn'],
    ]);
    expect(claimsOf('email')[0]).toEqual(['preferred_username', 'email']);
    // Claims every v2 token has need no optional claim.
    expect(claimsOf('oid')[0]).toEqual(['preferred_username']);
  });
});

describe('application uniqueNames across deployments', () => {
  const machineSpec = (name: string, machineClient: string) =>
    validateDeploymentSpec({
      name,
      namespace: name,
      chart: '8.9',
      tenant: { id: '6f1c2f43-1111-4222-8333-444455556666' },
      components: { orchestration: {}, identity: {}, optimize: {} },
      admins: ['alice@example.com'],
      machineClients: [
        {
          name: machineClient,
          authorizations: [
            {
              resourceType: 'PROCESS_DEFINITION',
              resourceId: '*',
              permissions: ['READ_PROCESS_DEFINITION'],
            },
          ],
        },
      ],
    });
  const uniqueNames = (name: string, machineClient: string) => {
    const result = machineSpec(name, machineClient);
    return result.valid
      ? planEntraApplications(result.spec).map(a => a.uniqueName)
      : [];
  };

  it.each([
    // deployment a's machine client, and the deployment whose application it would be
    ['orchestration', 'a-machine'],
    ['ci-optimize', 'a-machine-ci'],
    ['x-machine-ci', 'a-machine-x'],
    ['machine-ci', 'a-machine'],
  ])(
    'refuses machine client %s, whose application could be deployment %s’s',
    (machineClient, other) => {
      const result = machineSpec('a', machineClient);
      expect(result.valid).toBe(false);
      expect(result.valid ? [] : result.problems.map(p => p.field)).toContain(
        'machineClients.0.name',
      );
      // Why: without the rule both deployments would upsert the same application.
      const theirs = [
        ...uniqueNames(other, 'ci'),
        `camunda-${other}-orchestration`,
        `camunda-${other}-optimize`,
      ];
      expect(theirs).toContain(`camunda-a-machine-${machineClient}`);
    },
  );

  it('accepts machine client names that name no other application', () => {
    expect(uniqueNames('a', 'payments-worker')).toEqual([
      'camunda-a-orchestration',
      'camunda-a-identity',
      'camunda-a-optimize',
      'camunda-a-machine-payments-worker',
    ]);
    expect(machineSpec('a', 'machinery').valid).toBe(true);
  });
});
