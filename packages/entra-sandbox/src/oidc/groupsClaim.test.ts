import {
  DirectoryStore,
  emptyDirectory,
  SandboxGroup,
} from '../directory/store';
import { groupsClaim } from './groupsClaim';

const TENANT = '6f1c2f43-1111-4222-8333-444455556666';
const CLIENT = '0a000000-0000-4000-8000-0000000000c1';
const USER = { id: 'e17a0000-0000-4000-8000-000000000001' };

const group = (n: number, security = true): SandboxGroup => ({
  id: `e17a0000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `Group ${n}`,
  mailNickname: `group-${n}`,
  securityEnabled: security,
  mailEnabled: !security,
  members: [USER.id],
});

function store(groupMembershipClaims: string | null, groups: SandboxGroup[]) {
  const data = emptyDirectory();
  data.applications.push({
    entity: { id: 'o1', appId: CLIENT, groupMembershipClaims },
    owners: [],
    replicatedAt: 0,
    secretHashes: {},
  });
  data.groups.push(...groups, { ...group(999), members: [] });
  return new DirectoryStore(data);
}

describe('the groups claim of ID tokens', () => {
  it('lists the security groups of the user for SecurityGroup, every group for All', () => {
    const groups = [group(1), group(2, false)];
    expect(
      groupsClaim(store('SecurityGroup', groups), CLIENT, USER, TENANT),
    ).toEqual({ groups: [group(1).id] });
    expect(groupsClaim(store('All', groups), CLIENT, USER, TENANT)).toEqual({
      groups: [group(1).id, group(2, false).id],
    });
  });

  it('is absent unless the application asks for it', () => {
    for (const setting of [null, 'None', 'DirectoryRole', 'ApplicationGroup']) {
      expect(
        groupsClaim(store(setting, [group(1)]), CLIENT, USER, TENANT),
      ).toEqual({});
    }
    expect(
      groupsClaim(store('SecurityGroup', [group(1)]), 'other', USER, TENANT),
    ).toEqual({});
  });

  it('is replaced by the overage claims beyond 200 groups', () => {
    const many = Array.from({ length: 201 }, (_, n) => group(n + 1));
    expect(
      groupsClaim(store('SecurityGroup', many.slice(1)), CLIENT, USER, TENANT)
        .groups,
    ).toHaveLength(200);
    expect(
      groupsClaim(store('SecurityGroup', many), CLIENT, USER, TENANT),
    ).toEqual({
      _claim_names: { groups: 'src1' },
      _claim_sources: {
        src1: {
          endpoint: `https://graph.windows.net/${TENANT}/users/${USER.id}/getMemberObjects`,
        },
      },
    });
  });
});
