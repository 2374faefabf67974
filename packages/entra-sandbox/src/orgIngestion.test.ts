import path from 'node:path';
import { ClientSecretCredential } from '@azure/identity';
import {
  MicrosoftGraphClient,
  readMicrosoftGraphOrg,
} from '@backstage/plugin-catalog-backend-module-msgraph';
import { Agent, fetch as undiciFetch } from 'undici';
import { readSandboxDirectoryFile } from './directory/directoryFile';
import { ENTRA_SANDBOX_GRAPH_ROLES } from './oidc/identities';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const EXAMPLE = path.resolve(
  __dirname,
  '../../../examples/entra-directory.yaml',
);
const READER = {
  clientId: '0b000000-0000-4000-8000-000000000001',
  clientSecret: 'org-reader-secret',
  roles: [
    ENTRA_SANDBOX_GRAPH_ROLES.userReadAll,
    ENTRA_SANDBOX_GRAPH_ROLES.groupMemberReadAll,
  ],
};

const GROUPS_ONLY = {
  clientId: '0b000000-0000-4000-8000-000000000002',
  clientSecret: 'groups-only-secret',
  roles: [ENTRA_SANDBOX_GRAPH_ROLES.groupMemberReadAll],
};

const logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => logger,
} as any;

describe('the catalog msgraph module against the sandbox', () => {
  let box: EntraSandbox;
  const globalFetch = globalThis.fetch;

  beforeAll(async () => {
    box = await startEntraSandbox({
      ...readSandboxDirectoryFile(EXAMPLE),
      identities: [READER, GROUPS_ONLY],
    });
    // The module calls Graph with the global fetch: make it trust the sandbox CA.
    const dispatcher = new Agent({ connect: { ca: box.caPem } });
    globalThis.fetch = ((url: any, init: any) =>
      undiciFetch(url, { ...init, dispatcher })) as unknown as typeof fetch;
  });

  afterAll(async () => {
    globalThis.fetch = globalFetch;
    await box.stop();
  });

  function client(identity: { clientId: string; clientSecret: string }) {
    const credential = new ClientSecretCredential(
      box.tenantId,
      identity.clientId,
      identity.clientSecret,
      {
        authorityHost: box.authorityHost,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: box.caPem },
      } as any,
    );
    return new MicrosoftGraphClient(`${box.url}/v1.0`, credential);
  }

  it('reads the example organisation with the default transformers', async () => {
    const { users, groups } = await readMicrosoftGraphOrg(
      client(READER),
      box.tenantId,
      { logger },
    );

    expect(users.map(u => u.metadata.name)).toEqual([
      'dana_camunda-entra.example',
      'pat_camunda-entra.example',
    ]);
    const pat = users.find(
      u => u.metadata.name === 'pat_camunda-entra.example',
    )!;
    expect(pat.spec.profile).toEqual({
      displayName: 'Pat Platform',
      email: 'pat@camunda-entra.example',
    });
    expect(pat.metadata.annotations).toEqual({
      'graph.microsoft.com/user-id': 'e17a0000-0000-4000-8000-000000000001',
      'microsoft.com/email': 'pat@camunda-entra.example',
    });
    expect(pat.spec.memberOf).toEqual(['group:default/platform-team']);
    const dana = users.find(
      u => u.metadata.name === 'dana_camunda-entra.example',
    )!;
    expect(dana.spec.memberOf).toContain('group:default/payments-team');
    expect(dana.spec.memberOf).not.toContain('group:default/platform-team');

    expect(groups.map(g => g.metadata.name)).toEqual([
      'camunda_entra_example',
      'payments-team',
      'platform-team',
    ]);
    const platform = groups.find(g => g.metadata.name === 'platform-team')!;
    expect(platform.spec).toMatchObject({
      type: 'team',
      parent: 'group:default/camunda_entra_example',
      profile: {
        displayName: 'Platform team',
        email: 'platform-team@camunda-entra.example',
      },
    });
    expect(platform.metadata.description).toBe(
      'Approves Entra registrations for Camunda deployments',
    );
    const root = groups.find(g => g.metadata.name === 'camunda_entra_example')!;
    expect(root.spec.type).toBe('root');
    expect([...root.spec.children].sort()).toEqual([
      'group:default/payments-team',
      'group:default/platform-team',
    ]);
  });

  it('reads users by group membership and with the documented filters', async () => {
    const { users } = await readMicrosoftGraphOrg(
      client(READER),
      box.tenantId,
      {
        logger,
        userFilter: "accountEnabled eq true and userType eq 'Member'",
        groupFilter:
          "securityEnabled eq false and mailEnabled eq true and groupTypes/any(c:c eq 'Unified')",
        userGroupMemberFilter: "mailNickname eq 'platform-team'",
      },
    );
    expect(users.map(u => u.metadata.name)).toEqual([
      'pat_camunda-entra.example',
    ]);
  });

  it('is refused without the Graph permission to read people', async () => {
    await expect(
      readMicrosoftGraphOrg(client(GROUPS_ONLY), box.tenantId, { logger }),
    ).rejects.toThrow(
      'Error while reading users from Microsoft Graph: Authorization_RequestDenied - Insufficient privileges to complete the operation.',
    );
  });
});
