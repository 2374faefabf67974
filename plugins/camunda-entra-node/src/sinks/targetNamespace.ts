import { InputError } from '@backstage/errors';
import { globMatches } from './globMatches';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes' own namespaces, refused unless allowedNamespaces names them. */
export const KUBERNETES_SYSTEM_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
];

/** Throws unless `namespace` can name a Kubernetes namespace. */
export function checkNamespaceName(namespace: string): void {
  if (namespace.length > 63 || !DNS_LABEL.test(namespace)) {
    throw new InputError(
      `namespace: ${JSON.stringify(
        namespace,
      )} is not a Kubernetes namespace name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)`,
    );
  }
}

/**
 * Throws unless the Kubernetes sink may write to `namespace`: one of `allowedNamespaces`
 * (glob patterns) when set, otherwise any namespace but Kubernetes' own.
 */
export function checkAllowedNamespace(
  namespace: string,
  allowedNamespaces: string[] | undefined,
): void {
  checkNamespaceName(namespace);
  if (allowedNamespaces) {
    if (!allowedNamespaces.some(pattern => globMatches(pattern, namespace))) {
      throw new InputError(
        `namespace: the Kubernetes secret sink may not write to namespace ${namespace}; camundaEntra.secretSink.kubernetes.allowedNamespaces allows only ${allowedNamespaces.join(
          ', ',
        )}`,
      );
    }
    return;
  }
  if (KUBERNETES_SYSTEM_NAMESPACES.includes(namespace)) {
    throw new InputError(
      `namespace: ${namespace} belongs to Kubernetes itself; the Kubernetes secret sink writes there only when camundaEntra.secretSink.kubernetes.allowedNamespaces names it`,
    );
  }
}
