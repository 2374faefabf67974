import {
  CamundaEntraRequest,
  deploymentClientLabel,
  EntraHealth,
  RequestKind,
  RequestPlanApplication,
  RequestState,
  SecretCredentialStatus,
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
  repair: 'Repair',
  transfer: 'Owner transfer',
  adopt: 'Adoption',
  upgrade: 'Upgrade',
};

export const PLATFORM_LABELS: Record<
  RequestPlanApplication['platform'],
  string
> = {
  web: 'Web',
  spa: 'SPA',
  none: 'None',
};

export const HEALTH_LABELS: Record<EntraHealth, string> = {
  ok: 'Healthy',
  warning: 'Warning',
  error: 'Error',
};

/**
 * A client key's application name, e.g. Web Modeler UI or Machine client ci; unknown keys as
 * they are.
 */
export function clientLabel(client: string): string {
  return deploymentClientLabel(client);
}

/** The sentences around these phrases are English, so the phrases are too. */
const relativeTime = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "Expires in 12 days", "Expires today", "Expired 3 days ago". */
export function describeSecretExpiry(
  secret: Pick<SecretCredentialStatus, 'daysLeft' | 'status'>,
): string {
  const when = relativeTime.format(secret.daysLeft, 'day');
  return secret.status === 'expired' ? `Expired ${when}` : `Expires ${when}`;
}

/** How long ago something happened, in the largest sensible unit: "10 minutes ago". */
export function describeAge(ageSeconds: number): string {
  const minutes = Math.max(1, Math.round(ageSeconds / 60));
  if (minutes < 120) {
    return relativeTime.format(-minutes, 'minute');
  }
  const hours = Math.round(minutes / 60);
  if (hours < 48) {
    return relativeTime.format(-hours, 'hour');
  }
  return relativeTime.format(-Math.round(hours / 24), 'day');
}

/**
 * The spec's name; the request's ID for a spec stored by an earlier release that no longer
 * validates (see RequestSpec) and names none.
 */
export function deploymentName(request: CamundaEntraRequest): string {
  const name = request.spec.name;
  return typeof name === 'string' && name ? name : request.id;
}

/** The spec's namespace; a spec that no longer validates may name none. */
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

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The day of a timestamp, e.g. when a secret ends. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
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
