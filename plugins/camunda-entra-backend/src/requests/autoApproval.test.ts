import { ApprovalConfig } from '../config';
import { autoApprovalReason } from './autoApproval';

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
      autoApprovalReason(approval({ required: false }), { namespace: 'prod' }),
    ).toBe('approved automatically: camundaEntra.approval.required is false');
  });

  it('waits for a human when no rule matches', () => {
    const config = approval({
      autoApprove: [
        { environments: ['development'] },
        { namespaces: ['sandbox-*'] },
      ],
    });

    expect(
      autoApprovalReason(config, { namespace: 'payments' }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(config, {
        namespace: 'payments',
        environment: 'production',
      }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(config, { namespace: 'xsandbox-1' }),
    ).toBeUndefined();
  });

  it('names the first matching rule', () => {
    const config = approval({
      autoApprove: [
        { environments: ['development'] },
        { namespaces: ['sandbox-*'] },
      ],
    });

    expect(
      autoApprovalReason(config, {
        namespace: 'sandbox-1',
        environment: 'development',
      }),
    ).toBe(
      'approved automatically: environment development match camundaEntra.approval.autoApprove[0]',
    );
    expect(autoApprovalReason(config, { namespace: 'sandbox-1' })).toBe(
      'approved automatically: namespace sandbox-1 match camundaEntra.approval.autoApprove[1]',
    );
  });

  it('needs every criterion of a rule and treats pattern characters literally', () => {
    const config = approval({
      autoApprove: [{ environments: ['dev'], namespaces: ['team.a-*'] }],
    });

    expect(
      autoApprovalReason(config, { namespace: 'team.a-x', environment: 'dev' }),
    ).toBeDefined();
    expect(
      autoApprovalReason(config, { namespace: 'teamXa-x', environment: 'dev' }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(config, { namespace: 'team.a-x' }),
    ).toBeUndefined();
  });

  it('never applies a rule to a change of an existing registration', () => {
    const config = approval({ autoApprove: [{ namespaces: ['payments-*'] }] });

    expect(
      autoApprovalReason(config, {
        namespace: 'payments-dev',
        changesRegistration: true,
      }),
    ).toBeUndefined();
    expect(
      autoApprovalReason(approval({ required: false }), {
        namespace: 'payments-dev',
        changesRegistration: true,
      }),
    ).toBe('approved automatically: camundaEntra.approval.required is false');
  });
});
