import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { clientCredentialsToken } from './__testUtils__/http';
import { SandboxGroup, SandboxUser } from './directory/store';
import { ENTRA_SANDBOX_GRAPH_ROLES } from './oidc/identities';
import { EntraSandbox, startEntraSandbox } from './startEntraSandbox';

jest.setTimeout(30_000);

const { userReadAll, groupMemberReadAll } = ENTRA_SANDBOX_GRAPH_ROLES;
const READER = {
  clientId: '0d000000-0000-4000-8000-000000000001',
  clientSecret: 'reader-secret',
  roles: [userReadAll, groupMemberReadAll],
};
const GROUPS_ONLY = {
  clientId: '0d000000-0000-4000-8000-000000000002',
  clientSecret: 'groups-only-secret',
  roles: [groupMemberReadAll],
};
const PRODUCT = {
  clientId: '0d000000-0000-4000-8000-000000000003',
  clientSecret: 'product-secret',
};

const id = (n: number) =>
  `e17b0000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const USERS: SandboxUser[] = Array.from({ length: 250 }, (_, i) => ({
  id: id(i + 1),
  displayName: `User ${i + 1}`,
  userPrincipalName: `user${i + 1}@sandbox.example`,
  mail: `user${i + 1}@sandbox.example`,
  givenName: 'User',
  surname: String(i + 1),
  accountEnabled: i % 10 !== 0,
}));
const GROUP: SandboxGroup = {
  id: id(1001),
  displayName: 'Ops',
  mailNickname: 'ops',
  securityEnabled: true,
  mailEnabled: false,
  members: [id(1), id(2)],
};

describe('Graph users and groups', () => {
  let box: EntraSandbox;
  let agent: Agent;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    box = await startEntraSandbox({
      users: USERS,
      groups: [GROUP],
      identities: [READER, GROUPS_ONLY, PRODUCT],
    });
    agent = new Agent({ connect: { ca: box.caPem } });
  });

  afterAll(() => box.stop());

  async function token(identity: { clientId: string; clientSecret: string }) {
    if (!tokens.has(identity.clientId)) {
      tokens.set(
        identity.clientId,
        // What the msgraph module asks for: protocol and hostname, no port.
        await clientCredentialsToken(
          box,
          agent,
          identity,
          'https://127.0.0.1/.default',
        ),
      );
    }
    return tokens.get(identity.clientId)!;
  }

  async function get(
    url: string,
    options: {
      identity?: typeof READER | typeof PRODUCT;
      headers?: Record<string, string>;
    } = {},
  ) {
    const response = await fetch(
      url.startsWith('https://') ? url : `${box.url}/v1.0${url}`,
      {
        dispatcher: agent,
        headers: {
          authorization: `Bearer ${await token(options.identity ?? READER)}`,
          ...options.headers,
        },
      },
    );
    return { status: response.status, body: (await response.json()) as any };
  }

  it('pages through more users than fit on a page, following @odata.nextLink', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/users?$top=100&$select=id,displayName';
    let pages = 0;
    while (next) {
      const { status, body } = await get(next);
      expect(status).toBe(200);
      pages += 1;
      for (const user of body.value) {
        expect(Object.keys(user)).toEqual(['id', 'displayName']);
        seen.push(user.id);
      }
      next = body['@odata.nextLink'];
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(USERS.map(u => u.id));
  });

  it("returns Graph's default properties without $select, and accountEnabled only when selected", async () => {
    const { body } = await get(`/users/${id(2)}`);
    expect(body).toEqual({
      '@odata.context': `${box.url}/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: 'User 2',
      givenName: 'User',
      jobTitle: null,
      mail: 'user2@sandbox.example',
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: '2',
      userPrincipalName: 'user2@sandbox.example',
      id: id(2),
    });
    const byName = await get(
      '/users/user1@sandbox.example?$select=id,accountEnabled',
    );
    expect(byName.body).toMatchObject({ id: id(1), accountEnabled: false });
  });

  it('filters with eq, startswith and and', async () => {
    const { body } = await get(
      "/users?$filter=startswith(displayName,'User 1') and accountEnabled eq true&$select=displayName&$top=999",
    );
    const names = body.value.map((u: any) => u.displayName);
    expect(names).toContain('User 12');
    expect(names).not.toContain('User 11');
    expect(names).not.toContain('User 2');
    expect(names.every((n: string) => n.startsWith('User 1'))).toBe(true);
    const one = await get("/users?$filter=mail eq 'USER7@sandbox.example'");
    expect(one.body.value.map((u: any) => u.id)).toEqual([id(7)]);
  });

  it.each([
    ["$filter=endswith(mail,'example')", 'Request_UnsupportedQuery'],
    ["$filter=city eq 'Berlin'", 'Request_UnsupportedQuery'],
    ["$filter=displayName ne 'x'", 'BadRequest'],
    ['$top=1000', 'Request_BadRequest'],
    ['$select=favouriteColour', 'BadRequest'],
    ['$expand=licenseDetails', 'BadRequest'],
    ['$orderby=displayName', 'BadRequest'],
    ['$count=true', 'Request_BadRequest'],
  ])('refuses %s with 400 %s', async (query, code) => {
    const { status, body } = await get(`/users?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
  });

  it('counts with $count=true and ConsistencyLevel: eventual', async () => {
    const { status, body } = await get(
      '/users?$count=true&$filter=accountEnabled eq false&$select=id',
      { headers: { ConsistencyLevel: 'eventual' } },
    );
    expect(status).toBe(200);
    expect(body['@odata.count']).toBe(25);
  });

  it('lists group members with @odata.type and user memberships, also expanded', async () => {
    const members = await get(`/groups/${GROUP.id}/members?$top=999`);
    expect(members.body['@odata.context']).toBe(
      `${box.url}/v1.0/$metadata#directoryObjects`,
    );
    expect(
      members.body.value.map((m: any) => [m['@odata.type'], m.id, m.mail]),
    ).toEqual([
      ['#microsoft.graph.user', id(1), 'user1@sandbox.example'],
      ['#microsoft.graph.user', id(2), 'user2@sandbox.example'],
    ]);
    const users = await get(
      `/groups/${GROUP.id}/members/microsoft.graph.user/?$select=id,accountEnabled`,
    );
    expect(users.body.value).toEqual([
      {
        '@odata.type': '#microsoft.graph.user',
        id: id(1),
        accountEnabled: false,
      },
      {
        '@odata.type': '#microsoft.graph.user',
        id: id(2),
        accountEnabled: true,
      },
    ]);
    const memberOf = await get(`/users/${id(2)}/memberOf`);
    expect(memberOf.body.value).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.group',
        id: GROUP.id,
        displayName: 'Ops',
        securityEnabled: true,
        mail: null,
      }),
    ]);
    const expanded = await get(`/users/${id(2)}?$select=id&$expand=memberOf`);
    expect(expanded.body.memberOf.map((g: any) => g.id)).toEqual([GROUP.id]);
    const manager = await get(`/users/${id(2)}?$select=id&$expand=manager`);
    expect(manager.body).toEqual({
      '@odata.context': `${box.url}/v1.0/$metadata#users/$entity`,
      id: id(2),
    });
  });

  it('shows members only as @odata.type and id to a caller that may not read users', async () => {
    const { body } = await get(`/groups/${GROUP.id}/members`, {
      identity: GROUPS_ONLY,
    });
    expect(body.value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.user',
      id: id(1),
      displayName: null,
      mail: null,
    });
  });

  it('answers photo requests with 404 ImageNotFound, as Graph does without a photo', async () => {
    for (const route of [
      `/users/${id(1)}/photos`,
      `/users/${id(1)}/photo/$value`,
      `/users/${id(1)}/photos/120x120/$value`,
      `/groups/${GROUP.id}/photo/$value`,
    ]) {
      const { status, body } = await get(route);
      expect([route, status, body.error.code]).toEqual([
        route,
        404,
        'ImageNotFound',
      ]);
    }
    const missing = await get(`/users/${id(999)}/photos`);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('serves the organization of the tenant only', async () => {
    const { body } = await get(`/organization/${box.tenantId}`);
    expect(body).toMatchObject({
      id: box.tenantId,
      displayName: 'Entra sandbox',
    });
    const other = await get(
      '/organization/7e57ab1e-0000-4000-8000-000000000000',
    );
    expect(other.status).toBe(404);
  });

  it('needs User.Read.All for users and GroupMember.Read.All for groups', async () => {
    for (const route of [
      '/users',
      `/users/${id(1)}`,
      `/users/${id(1)}/memberOf`,
    ]) {
      const { status, body } = await get(route, { identity: PRODUCT });
      expect([route, status, body.error.code]).toEqual([
        route,
        403,
        'Authorization_RequestDenied',
      ]);
    }
    expect((await get('/users', { identity: GROUPS_ONLY })).status).toBe(403);
    for (const route of ['/groups', `/groups/${GROUP.id}/members`]) {
      expect((await get(route, { identity: PRODUCT })).status).toBe(403);
    }
    expect((await get('/groups', { identity: GROUPS_ONLY })).status).toBe(200);
  });
});

it('keeps users and groups in the state file across restarts', async () => {
  const stateFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'entra-users-')),
    'state.json',
  );
  const first = await startEntraSandbox({
    stateFile,
    users: USERS.slice(0, 2),
    groups: [GROUP],
  });
  const tenantId = first.tenantId;
  await first.stop();
  const second = await startEntraSandbox({ stateFile, tenantId });
  try {
    const directory = JSON.parse(fs.readFileSync(stateFile, 'utf8')).directory;
    expect(directory.groups).toEqual([GROUP]);
    expect(directory.users.map((u: SandboxUser) => u.id)).toEqual(
      expect.arrayContaining([id(1), id(2)]),
    );
  } finally {
    await second.stop();
  }
});
