import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  camundaEntraRequestApprovePermission,
  camundaEntraRequestReadPermission,
  camundaEntraSecretRotatePermission,
  camundaEntraStatusReadPermission,
} from '@camunda-entra/plugin-camunda-entra-common';
import { camundaEntraPolicyDecision } from './camundaEntraPolicyDecision';

const options = { approvers: ['group:default/Platform-Team'] };

function user(ref: string, groups: string[] = []): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ref,
      ownershipEntityRefs: [ref, ...groups],
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
    token: 'token',
    credentials: {} as PolicyQueryUser['credentials'],
  } as PolicyQueryUser;
}

const PAT = user('user:default/pat', ['group:default/platform-team']);
const DANA = user('user:default/dana', ['group:default/payments-team']);

const decide = (permission: Permission, who?: PolicyQueryUser) =>
  camundaEntraPolicyDecision({ permission }, who, options);

describe('camundaEntraPolicyDecision', () => {
  it('leaves other plugins’ permissions to the calling policy', () => {
    expect(decide(catalogEntityReadPermission, DANA)).toBeUndefined();
  });

  it('gives approvers (by group, case-insensitively) every permission', () => {
    for (const permission of [
      camundaEntraRequestApprovePermission,
      camundaEntraRequestReadPermission,
      camundaEntraSecretRotatePermission,
      camundaEntraStatusReadPermission,
    ]) {
      expect(decide(permission, PAT)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets nobody else decide, and nothing without a user', () => {
    expect(decide(camundaEntraRequestApprovePermission, DANA)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(decide(camundaEntraStatusReadPermission, undefined)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets requesters and deployment owners read requests, through the plugin’s rules', () => {
    expect(decide(camundaEntraRequestReadPermission, DANA)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'camunda-entra',
      resourceType: 'camunda-entra-request',
      conditions: {
        anyOf: [
          {
            rule: 'IS_REQUESTER',
            resourceType: 'camunda-entra-request',
            params: { claims: ['user:default/dana'] },
          },
          {
            rule: 'IS_DEPLOYMENT_OWNER',
            resourceType: 'camunda-entra-request',
            params: {
              claims: ['user:default/dana', 'group:default/payments-team'],
            },
          },
        ],
      },
    });
  });

  it('lets the recorded owners of a deployment read its state and rotate, through the plugin’s rule', () => {
    for (const permission of [
      camundaEntraSecretRotatePermission,
      camundaEntraStatusReadPermission,
    ]) {
      expect(decide(permission, DANA)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'camunda-entra',
        resourceType: 'camunda-entra-deployment',
        conditions: {
          rule: 'IS_RECORDED_OWNER',
          resourceType: 'camunda-entra-deployment',
          params: {
            claims: ['user:default/dana', 'group:default/payments-team'],
          },
        },
      });
    }
  });
});
