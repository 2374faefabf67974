import { parseEntityRef } from '@backstage/catalog-model';
import {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import { SecretExpiryStatus } from '@camunda-entra/plugin-camunda-entra-common';
import { EntraApplicationInfo } from '@camunda-entra/plugin-camunda-entra-node';

const SEVERITY: Record<
  Exclude<SecretExpiryStatus, 'ok'>,
  NotificationSeverity
> = {
  expiring: 'normal',
  critical: 'high',
  expired: 'critical',
};

/**
 * What an owner is told when a client secret crosses a threshold: which application and
 * secret (by name, hint and key ID; never its text), when it ends, where it was delivered
 * and where to rotate it.
 * One scope per secret, so a later threshold updates the earlier notification.
 */
export function expiryNotification(options: {
  application: EntraApplicationInfo;
  secret: EntraApplicationInfo['passwordCredentials'][number] & {
    endDateTime: string;
  };
  expiry: { daysLeft: number; status: Exclude<SecretExpiryStatus, 'ok'> };
  entityRef: string;
  /** Where the portal delivered the secret (e.g. vault and secret name). */
  location?: string;
}): NotificationPayload {
  const { application, secret, expiry } = options;
  const { kind, namespace, name } = parseEntityRef(options.entityRef);
  const when =
    expiry.status === 'expired'
      ? 'has expired'
      : `expires in ${expiry.daysLeft} days`;
  const secretName = [
    secret.displayName && `"${secret.displayName}"`,
    secret.hint && `hint ${secret.hint}`,
    `key ID ${secret.keyId}`,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    title: `Client secret of ${application.displayName} ${when}`,
    description: `The client secret ${secretName} of the Entra application ${
      application.displayName
    } (client ID ${application.appId}) ends on ${secret.endDateTime}.${
      options.location ? ` The portal delivered it to ${options.location}.` : ''
    } Request a rotation from the Entra card of ${options.entityRef}.`,
    link: `/catalog/${namespace}/${kind.toLowerCase()}/${name}`,
    severity: SEVERITY[expiry.status],
    topic: 'camunda-entra',
    scope: `camunda-entra-secret:${secret.keyId}`,
  };
}
