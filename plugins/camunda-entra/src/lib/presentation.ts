import type {
  CamundaEntraRequest,
  RequestKind,
  RequestPlanApplication,
  RequestState,
} from '@camunda-entra/plugin-camunda-entra-common';

export const STATE_LABELS: Record<RequestState, string> = {
  pending: 'Pending',
  approved: 'Approved',
  provisioning: 'Provisioning',
  provisioned: 'Provisioned',
  rejected: 'Rejected',
  failed: 'Failed',
};

export const KIND_LABELS: Record<RequestKind, string> = {
  provision: 'Provision',
  rotate: 'Secret rotation',
};

export const PLATFORM_LABELS: Record<
  RequestPlanApplication['platform'],
  string
> = {
  web: 'Web',
  spa: 'SPA',
  none: 'None',
};

/** The spec is opaque to the frontend; its name is the one field every request has. */
export function deploymentName(request: CamundaEntraRequest): string {
  const name = request.spec.name;
  return typeof name === 'string' && name ? name : request.id;
}

/** The spec's namespace, if it names one. */
export function deploymentNamespace(
  request: CamundaEntraRequest,
): string | undefined {
  const namespace = request.spec.namespace;
  return typeof namespace === 'string' ? namespace : undefined;
}

const timestampFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

export function formatTimestamp(iso: string): string {
  return timestampFormat.format(new Date(iso));
}

/**
 * The backend explains refusals (not pending, own request, ...) in the response body, which
 * ResponseError keeps as its cause; the status line alone tells the user little.
 */
export function describeError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message
    ? `${error.message}: ${cause.message}`
    : error.message;
}
