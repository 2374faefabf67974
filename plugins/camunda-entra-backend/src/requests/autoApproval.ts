import { ApprovalConfig, AutoApprovalRule } from '../config';
import { globMatches } from '../globMatches';

/**
 * Why a new request needs no human approval, or undefined when it waits for one. The reason
 * goes into the audit trail. Rules never apply to a request that changes an existing
 * registration (every rotation does).
 */
export function autoApprovalReason(
  approval: ApprovalConfig,
  request: {
    environment?: string;
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
    rule.environments && `environment ${request.environment}`,
    rule.namespaces && `namespace ${request.namespace}`,
  ].filter(Boolean);
  return `approved automatically: ${criteria.join(
    ' and ',
  )} match camundaEntra.approval.autoApprove[${index}]`;
}

function matches(
  rule: AutoApprovalRule,
  request: { environment?: string; namespace: string },
): boolean {
  if (
    rule.environments &&
    (request.environment === undefined ||
      !rule.environments.includes(request.environment))
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
