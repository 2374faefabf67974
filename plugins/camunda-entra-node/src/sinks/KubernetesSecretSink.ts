import { ConflictError, isError, NotFoundError } from '@backstage/errors';
import { CAMUNDA_ENTRA_ANNOTATIONS } from '@camunda-entra/plugin-camunda-entra-common';
import type { CoreV1Api, KubeConfig, V1Secret } from '@kubernetes/client-node';
import {
  SecretSink,
  SecretSinkRefusedError,
  SecretSinkTarget,
} from './SecretSink';
import {
  MANAGED_BY_LABEL,
  MANAGER,
  ownedKeysOf,
  secretManifest,
  secretOwnership,
} from './secretManifest';
import { redacted } from './redacted';
import { checkAllowedNamespace } from './targetNamespace';

/** Another writer changing the Secret between our read and write costs one more round. */
const ATTEMPTS = 5;

/**
 * The Kubernetes client, loaded when a sink is made rather than with this package: it takes
 * about a second of CPU to load, which what imports the package for something else (the CLI's
 * `register`) should not pay.
 */
function kubernetesClient(): typeof import('@kubernetes/client-node') {
  return require('@kubernetes/client-node');
}

/**
 * Writes the deployment's keys into its Secret (e.g. entra-credentials) in its namespace,
 * through the cluster configuration the backend runs with. It creates the Secret, labelled as
 * managed by camunda-entra, or changes one it created for the same deployment, and then only
 * the keys it owns; any other Secret is left alone and the delivery fails.
 *
 * @public
 */
export class KubernetesSecretSink implements SecretSink {
  /** Uses the kubeconfig ($KUBECONFIG, ~/.kube/config) or the in-cluster service account. */
  static fromKubeConfig(
    options: { context?: string; allowedNamespaces?: string[] } = {},
  ): KubernetesSecretSink {
    const kubeConfig = new (kubernetesClient().KubeConfig)();
    kubeConfig.loadFromDefault();
    if (options.context) {
      kubeConfig.setCurrentContext(options.context);
    }
    return KubernetesSecretSink.create({
      kubeConfig,
      allowedNamespaces: options.allowedNamespaces,
    });
  }

  static create(options: {
    kubeConfig: KubeConfig;
    /** Glob patterns; unset allows every namespace but Kubernetes' own. */
    allowedNamespaces?: string[];
  }): KubernetesSecretSink {
    return new KubernetesSecretSink(
      options.kubeConfig.makeApiClient(kubernetesClient().CoreV1Api),
      options.kubeConfig.getCurrentCluster()?.server ?? 'the current cluster',
      options.allowedNamespaces,
    );
  }

  private constructor(
    private readonly api: CoreV1Api,
    private readonly cluster: string,
    private readonly allowedNamespaces: string[] | undefined,
  ) {}

  describe(target: SecretSinkTarget): string {
    return `Kubernetes Secret ${target.secretName} in namespace ${target.namespace} on ${this.cluster}`;
  }

  locate(target: SecretSinkTarget, key: string): string {
    return `key ${key} of ${this.describe(target)}`;
  }

  checkTarget(target: SecretSinkTarget): void {
    checkAllowedNamespace(target.namespace, this.allowedNamespaces);
  }

  /** A key camunda-entra owns in the deployment's Secret; any other Secret is not read from. */
  async read(
    target: SecretSinkTarget,
    key: string,
  ): Promise<string | undefined> {
    this.checkTarget(target);
    let secret: V1Secret | undefined;
    try {
      secret = await this.readSecret(target);
    } catch (error) {
      throw sanitized(error, target, {}, 'read');
    }
    if (!secret) {
      return undefined;
    }
    checkOwnership(secret, target);
    const owned = ownedKeysOf(secret.metadata).includes(key);
    const value = secret.data?.[key];
    return owned && value !== undefined
      ? Buffer.from(value, 'base64').toString('utf8')
      : undefined;
  }

  /**
   * Creates the Secret, or sets `data` in the deployment's existing one and removes the keys
   * it owned before and no longer writes; keys of others stay.
   */
  async write(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    await this.deliver(target, data, 'write');
    return { location: this.describe(target) };
  }

  /** Sets the keys in `data` and keeps all others; fails when the Secret does not exist. */
  async update(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    await this.deliver(target, data, 'update');
    return { location: this.describe(target) };
  }

  private async deliver(
    target: SecretSinkTarget,
    data: Record<string, string>,
    operation: 'write' | 'update',
  ): Promise<void> {
    const { secretName: name, namespace } = target;
    try {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        const existing = await this.readSecret(target);
        try {
          if (existing) {
            const body = merged(existing, target, data, operation);
            await this.api.replaceNamespacedSecret({ name, namespace, body });
          } else if (operation === 'write') {
            const body = secretManifest(target, data) as V1Secret;
            await this.api.createNamespacedSecret({ namespace, body });
          } else {
            throw new NotFoundError(
              `Kubernetes Secret ${namespace}/${name} does not exist, so there is no Secret to put the rotated key into; provision the deployment again to recreate it`,
            );
          }
          return;
        } catch (error) {
          // Conflict on replace, AlreadyExists on create: someone else wrote it; read again.
          if (
            !(error instanceof kubernetesClient().ApiException) ||
            error.code !== 409
          ) {
            throw error;
          }
        }
      }
      throw new ConflictError(
        `Kubernetes Secret ${namespace}/${name} changed under every one of ${ATTEMPTS} attempts to write it; nothing was written, retry the request`,
      );
    } catch (error) {
      throw sanitized(error, target, data, 'write');
    }
  }

  private async readSecret(
    target: SecretSinkTarget,
  ): Promise<V1Secret | undefined> {
    try {
      return await this.api.readNamespacedSecret({
        name: target.secretName,
        namespace: target.namespace,
      });
    } catch (error) {
      if (
        error instanceof kubernetesClient().ApiException &&
        error.code === 404
      ) {
        return undefined;
      }
      throw error;
    }
  }
}

/**
 * The existing Secret with our keys set (and, for a write, the ones we owned before and no
 * longer write removed), carrying its resourceVersion so a concurrent change is not lost.
 */
function merged(
  existing: V1Secret,
  target: SecretSinkTarget,
  data: Record<string, string>,
  operation: 'write' | 'update',
): V1Secret {
  checkOwnership(existing, target);
  const annotations = existing.metadata?.annotations ?? {};
  const ownedBefore = ownedKeysOf(existing.metadata);
  const result: Record<string, string> = { ...existing.data };
  if (operation === 'write') {
    for (const key of ownedBefore) {
      delete result[key];
    }
  }
  for (const [key, value] of Object.entries(data)) {
    result[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  const owned = Object.keys(data).concat(
    operation === 'update' ? ownedBefore : [],
  );
  const ownership = secretOwnership(target, owned);
  return {
    ...existing,
    metadata: {
      ...existing.metadata,
      labels: { ...existing.metadata?.labels, ...ownership.labels },
      annotations: { ...annotations, ...ownership.annotations },
    },
    data: result,
    stringData: undefined,
  };
}

/** Throws unless the Secret is one camunda-entra created for this deployment. */
function checkOwnership(existing: V1Secret, target: SecretSinkTarget) {
  const secret = `Kubernetes Secret ${target.namespace}/${target.secretName}`;
  const managedBy = existing.metadata?.labels?.[MANAGED_BY_LABEL];
  if (managedBy !== MANAGER) {
    const manager = managedBy
      ? `is managed by ${managedBy} (label ${MANAGED_BY_LABEL})`
      : `has no ${MANAGED_BY_LABEL} label, so it is not camunda-entra's`;
    throw new ConflictError(
      `${secret} already exists and ${manager}; it was left unchanged. Name another Secret in the spec (secrets.entra), or delete this one, or label it ${MANAGED_BY_LABEL}=${MANAGER} to hand it over, then retry`,
    );
  }
  const key = CAMUNDA_ENTRA_ANNOTATIONS.deployment;
  // Earlier versions put the deployment into a label of the same name.
  const deployment =
    existing.metadata?.annotations?.[key] ?? existing.metadata?.labels?.[key];
  if (deployment !== target.deployment) {
    throw new ConflictError(
      `${secret} is managed by camunda-entra for ${
        deployment ? `the deployment ${deployment}` : 'no recorded deployment'
      } (annotation ${key}), not ${
        target.deployment
      }; it was left unchanged. Give this deployment a Secret of its own (secrets.entra in the spec) or another namespace, then retry`,
    );
  }
}

/**
 * The client's errors carry the whole response, and a read Secret holds others' data: keep
 * only the status and the API server's message, without any text of `data`, so nothing
 * secret ends up in logs or the request's failure reason.
 */
function sanitized(
  error: unknown,
  target: SecretSinkTarget,
  data: Record<string, string>,
  action: 'read' | 'write',
): Error {
  const secret = `${target.namespace}/${target.secretName}`;
  if (error instanceof kubernetesClient().ApiException) {
    const message = statusMessage(error.body);
    // A client error (4xx) stored nothing; after a 5xx the write may have happened.
    const Kind =
      action === 'write' && error.code >= 400 && error.code < 500
        ? SecretSinkRefusedError
        : Error;
    return new Kind(
      redacted(
        `Kubernetes refused to ${action} Secret ${secret}: HTTP ${error.code}${
          message ? ` ${message}` : ''
        }`,
        data,
      ),
    );
  }
  if (error instanceof ConflictError || error instanceof NotFoundError) {
    return error;
  }
  return new Error(
    redacted(
      `Could not reach Kubernetes to ${action} Secret ${secret}: ${
        isError(error) ? error.message : String(error)
      }`,
      data,
    ),
  );
}

function statusMessage(body: unknown): string | undefined {
  try {
    const status = typeof body === 'string' ? JSON.parse(body) : body;
    return typeof status?.message === 'string' ? status.message : undefined;
  } catch {
    return undefined;
  }
}
