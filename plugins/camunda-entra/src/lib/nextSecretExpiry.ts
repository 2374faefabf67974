import type {
  ComponentEntraStatus,
  SecretCredentialStatus,
} from '@camunda-entra/plugin-camunda-entra-common';

/** The secret that ends first among the deployment's clients, and whose it is. */
export type NextSecretExpiry = {
  client: string;
  secret: SecretCredentialStatus;
};

const endOf = (secret: SecretCredentialStatus) =>
  Date.parse(secret.endDateTime);

/**
 * The client that needs a new secret first. A client keeps working until its newest secret
 * ends (older ones are replaced ones in their grace period), so each client counts with its
 * newest secret, as in the backend's health rules; public clients have none.
 */
export function nextSecretExpiry(
  components: ComponentEntraStatus[],
): NextSecretExpiry | undefined {
  let next: NextSecretExpiry | undefined;
  for (const { client, secrets } of components) {
    if (!secrets.length) {
      continue;
    }
    const newest = secrets.reduce((a, b) => (endOf(b) > endOf(a) ? b : a));
    if (!next || endOf(newest) < endOf(next.secret)) {
      next = { client, secret: newest };
    }
  }
  return next;
}
