import { isPermission } from '@backstage/plugin-permission-common';
import {
  camundaEntraPermissions,
  camundaEntraRequestApprovePermission,
} from './permissions';

describe('permissions', () => {
  it('defines the approve permission as a basic update permission', () => {
    expect(camundaEntraRequestApprovePermission).toMatchObject({
      type: 'basic',
      name: 'camunda-entra.request.approve',
      attributes: { action: 'update' },
    });
    expect(
      camundaEntraPermissions.every(p =>
        isPermission(p, camundaEntraRequestApprovePermission),
      ),
    ).toBe(true);
  });
});
