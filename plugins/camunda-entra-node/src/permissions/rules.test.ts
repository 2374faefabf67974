import { CamundaEntraRequest } from '@camunda-entra/plugin-camunda-entra-common';
import { isDeploymentOwner, isRecordedOwner, isRequester } from './rules';

const DANA = ['user:default/dana', 'group:default/payments-team'];

describe('the permission rules', () => {
  it('IS_RECORDED_OWNER matches the recorded owner case-insensitively, and nothing without one', () => {
    const deployment = { entityRef: 'component:default/x', deployment: 'x' };

    expect(
      isRecordedOwner.apply(
        { ...deployment, owner: 'group:default/Payments-Team' },
        { claims: DANA },
      ),
    ).toBe(true);
    expect(
      isRecordedOwner.apply(
        { ...deployment, owner: 'group:default/billing-team' },
        { claims: DANA },
      ),
    ).toBe(false);
    expect(isRecordedOwner.apply(deployment, { claims: DANA })).toBe(false);
  });

  it('IS_DEPLOYMENT_OWNER matches any of the request’s owners; IS_REQUESTER its requester', () => {
    const request = {
      requester: 'user:default/pat',
    } as CamundaEntraRequest;

    expect(
      isDeploymentOwner.apply(
        {
          request,
          owners: ['group:default/billing-team', 'group:default/payments-team'],
        },
        { claims: DANA },
      ),
    ).toBe(true);
    expect(
      isDeploymentOwner.apply({ request, owners: [] }, { claims: DANA }),
    ).toBe(false);
    expect(
      isRequester.apply(
        { request, owners: [] },
        { claims: ['user:default/Pat'] },
      ),
    ).toBe(true);
  });
});
