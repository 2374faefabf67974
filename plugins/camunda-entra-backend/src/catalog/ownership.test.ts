import { ownerRef, planOwnership } from './ownership';

const PAT = {
  ref: 'user:default/pat',
  claims: ['user:default/pat', 'group:default/platform-team'],
  approver: true,
};
const DANA = {
  ref: 'user:default/dana',
  claims: ['user:default/dana', 'group:default/Payments-Team'],
  approver: false,
};

describe('planOwnership', () => {
  it('names the owner alone for one of its members (case-insensitively)', () => {
    expect(planOwnership('group:default/payments-team', DANA)).toEqual({
      owner: 'group:default/payments-team',
    });
  });

  it('says in words when the requester is not a member, and that they ask as an approver', () => {
    expect(
      planOwnership(
        'group:default/payments-team',
        PAT,
        'group:default/billing-team',
      ),
    ).toEqual({
      owner: 'group:default/payments-team',
      transferTo: 'group:default/billing-team',
      note: 'user:default/pat is not a member of group:default/payments-team, which owns the deployment; asked as an approver',
    });
    expect(planOwnership('group:default/billing-team', DANA).note).toBe(
      'user:default/dana is not a member of group:default/billing-team, which owns the deployment',
    );
  });

  it('says when a registration has no recorded owner', () => {
    expect(planOwnership(undefined, PAT)).toEqual({
      note: 'no owner is recorded for the deployment (registered before owners were): only approvers act on it',
    });
  });
});

describe('ownerRef', () => {
  it('reads a bare name as a group in the default namespace and refuses what is no entity ref', () => {
    expect(ownerRef('payments-team')).toBe('group:default/payments-team');
    expect(ownerRef('user:default/dana')).toBe('user:default/dana');
    expect(() => ownerRef('group:default/')).toThrow(/^owner: /);
  });
});
