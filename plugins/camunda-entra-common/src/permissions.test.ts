import {
  camundaEntraPermissions,
  camundaEntraRequestApprovePermission,
  camundaEntraSecretRotatePermission,
} from './permissions';

describe('permissions', () => {
  it('defines the approve permission as a basic update permission', () => {
    expect(camundaEntraRequestApprovePermission).toMatchObject({
      type: 'basic',
      name: 'camunda-entra.request.approve',
      attributes: { action: 'update' },
    });
  });

  it('defines the rotate permission as a basic create permission', () => {
    expect(camundaEntraSecretRotatePermission).toMatchObject({
      type: 'basic',
      name: 'camunda-entra.secret.rotate',
      attributes: { action: 'create' },
    });
  });

  it('lists every permission once for the permissions registry', () => {
    const names = camundaEntraPermissions.map(p => p.name);
    expect(names).toEqual([
      'camunda-entra.request.approve',
      'camunda-entra.secret.rotate',
    ]);
  });
});
