import { ApprovalConfig, AutoApprovalRule } from '../config';
import { globMatches } from '@camunda-entra/plugin-camunda-entra-node';

/**
 * Why a new request needs no human approval, or undefined when it waits for one. The reason
 * goes into the audit trail. Rules match the deployment's owner and namespace, never a field
 * the requester fills in freely, and never apply to a request that changes an existing
 * registration (every rotation does).
 */
export function autoApprovalReason(
  approval: ApprovalConfig,
  request: {
    owner: string;
    namespace: string;
    changesRegistration?: boolean;
  },
): string | undefined {
  if (!approval.required) {
    return 'approved automatically: camundaEntra.approval.required is false';
  }
  if (request.changesRegistration) {
    return undefined;
  }
  const index = approval.autoApprove.findIndex(rule => matches(rule, request));
  if (index < 0) {
    return undefined;
  }
  const rule = approval.autoApprove[index];
  const criteria = [
    rule.owners && `owner ${request.owner}`,
    rule.namespaces && `namespace ${request.namespace}`,
  ].filter(Boolean);
  return `approved automatically: ${criteria.join(
    ' and ',
  )} match camundaEntra.approval.autoApprove[${index}]`;
}

function matches(
  rule: AutoApprovalRule,
  request: { owner: string; namespace: string },
): boolean {
  if (
    rule.owners &&
    !rule.owners.some(
      owner => owner.toLowerCase() === request.owner.toLowerCase(),
    )
  ) {
    return false;
  }
  if (
    rule.namespaces &&
    !rule.namespaces.some(pattern => globMatches(pattern, request.namespace))
  ) {
    return false;
  }
  return true;
}
