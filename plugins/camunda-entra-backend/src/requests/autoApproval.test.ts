import { ApprovalConfig } from '../config';
import { autoApprovalReason } from './autoApproval';

const SANDBOX = 'group:default/sandbox-team';
const PAYMENTS = 'group:default/payments-team';

describe('autoApprovalReason', () => {
  const approval = (overrides: Partial<ApprovalConfig>): ApprovalConfig => ({
    required: true,
    allowSelfApproval: false,
    approvers: [],
    autoApprove: [],
    ...overrides,
  });

  it('approves everything when approval is not required', () => {
    expect(
      autoApprovalReason(approval({ required: false }), {
        owner: PAYMENTS,
        namespace: 'prod',
      }),
    ).toBe('approved automatically: camundaEntra.approval.required is false');
  });

  it('waits for a human when no rule matches', () => {
    const config = approval({
      autoApprove: [{ owners: [SANDBOX] }, { namespaces: ['sandbox-*'] }],
    });

    expect(
      autoApprovalReason(config, { owner: PAYMENTS, namespace: 'payments' }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(config, { owner: PAYMENTS, namespace: 'xsandbox-1' }),
    ).toBeUndefined();
  });

  it('names the first matching rule, matching owners case-insensitively', () => {
    const config = approval({
      autoApprove: [{ owners: [SANDBOX] }, { namespaces: ['sandbox-*'] }],
    });

    expect(
      autoApprovalReason(config, {
        owner: 'group:default/Sandbox-Team',
        namespace: 'sandbox-1',
      }),
    ).toBe(
      'approved automatically: owner group:default/Sandbox-Team match camundaEntra.approval.autoApprove[0]',
    );
    expect(
      autoApprovalReason(config, { owner: PAYMENTS, namespace: 'sandbox-1' }),
    ).toBe(
      'approved automatically: namespace sandbox-1 match camundaEntra.approval.autoApprove[1]',
    );
  });

  it('needs every criterion of a rule and treats pattern characters literally', () => {
    const config = approval({
      autoApprove: [{ owners: [SANDBOX], namespaces: ['team.a-*'] }],
    });

    expect(
      autoApprovalReason(config, { owner: SANDBOX, namespace: 'team.a-x' }),
    ).toBeDefined();
    expect(
      autoApprovalReason(config, { owner: SANDBOX, namespace: 'teamXa-x' }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(config, { owner: PAYMENTS, namespace: 'team.a-x' }),
    ).toBeUndefined();
  });

  it('never applies a rule to a change of an existing registration', () => {
    const config = approval({ autoApprove: [{ namespaces: ['payments-*'] }] });

    expect(
      autoApprovalReason(config, {
        owner: PAYMENTS,
        namespace: 'payments-dev',
        changesRegistration: true,
      }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(approval({ required: false }), {
        owner: PAYMENTS,
        namespace: 'payments-dev',
        changesRegistration: true,
      }),
    ).toBe('approved automatically: camundaEntra.approval.required is false');
  });
});
