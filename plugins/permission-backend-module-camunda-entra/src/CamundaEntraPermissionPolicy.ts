import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { readCamundaEntraApprovers } from '@camunda-entra/plugin-camunda-entra-node';
import {
  camundaEntraPolicyDecision,
  CamundaEntraPolicyOptions,
} from './camundaEntraPolicyDecision';

/**
 * The policy this module installs: {@link camundaEntraPolicyDecision} for the Camunda Entra
 * permissions, and every other permission allowed, as Backstage's allow-all policy does. A
 * portal with its own policy keeps it and calls `camundaEntraPolicyDecision` from it instead.
 *
 * @public
 */
export class CamundaEntraPermissionPolicy implements PermissionPolicy {
  /** Reads the approvers from `camundaEntra.approval.approvers`, where the backend plugin reads them. */
  static fromConfig(config: Config): CamundaEntraPermissionPolicy {
    return new CamundaEntraPermissionPolicy({
      approvers: readCamundaEntraApprovers(config),
    });
  }

  constructor(private readonly options: CamundaEntraPolicyOptions) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return (
      camundaEntraPolicyDecision(request, user, this.options) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}
