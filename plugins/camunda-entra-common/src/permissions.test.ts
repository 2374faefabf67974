import {
  camundaEntraPermissions,
  camundaEntraRequestApprovePermission,
  camundaEntraRequestReadPermission,
  camundaEntraSecretRotatePermission,
  camundaEntraStatusReadPermission,
} from './permissions';

describe('permissions', () => {
  it('keeps deciding on requests a basic permission, so a policy answers it without a resource', () => {
    expect(camundaEntraRequestApprovePermission.type).toBe('basic');
  });

  it('makes rotation and status resource permissions on the recorded deployment, so its recorded owner decides, not the entity', () => {
    for (const permission of [
      camundaEntraSecretRotatePermission,
      camundaEntraStatusReadPermission,
    ]) {
      expect(permission).toMatchObject({
        type: 'resource',
        resourceType: 'camunda-entra-deployment',
      });
    }
  });

  it('makes reading a request a resource permission on the request', () => {
    expect(camundaEntraRequestReadPermission).toMatchObject({
      type: 'resource',
      resourceType: 'camunda-entra-request',
    });
  });

  it('lists every permission once, with unique names', () => {
    const names = camundaEntraPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual([
      'camunda-entra.request.approve',
      'camunda-entra.request.read',
      'camunda-entra.secret.rotate',
      'camunda-entra.status.read',
    ]);
  });
});
