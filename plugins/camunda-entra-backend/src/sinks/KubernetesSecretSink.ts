import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  V1Secret,
} from '@kubernetes/client-node';
import { SecretSink, SecretSinkTarget } from './SecretSink';
import { secretManifest, secretPatch } from './secretManifest';
import { checkAllowedNamespace } from './targetNamespace';

/**
 * Creates or replaces the deployment's Secret (e.g. entra-credentials) in its namespace,
 * through the cluster configuration the backend runs with.
 *
 * @public
 */
export class KubernetesSecretSink implements SecretSink {
  /** Uses the kubeconfig ($KUBECONFIG, ~/.kube/config) or the in-cluster service account. */
  static fromKubeConfig(
    options: { context?: string; allowedNamespaces?: string[] } = {},
  ): KubernetesSecretSink {
    const kubeConfig = new KubeConfig();
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
      options.kubeConfig.makeApiClient(CoreV1Api),
      options.kubeConfig.getCurrentCluster()?.server ?? 'the current cluster',
      options.allowedNamespaces,
    );
  }

  private constructor(
    private readonly api: CoreV1Api,
    private readonly cluster: string,
    private readonly allowedNamespaces: string[] | undefined,
  ) {}

  checkTarget(target: SecretSinkTarget): void {
    checkAllowedNamespace(target.namespace, this.allowedNamespaces);
  }

  describe(target: SecretSinkTarget): string {
    return `Kubernetes Secret ${target.secretName} in namespace ${target.namespace} on ${this.cluster}`;
  }

  async write(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    const body = secretManifest(target, data) as V1Secret;
    const { secretName: name, namespace } = target;
    try {
      try {
        await this.api.replaceNamespacedSecret({ name, namespace, body });
      } catch (error) {
        if (!(error instanceof ApiException) || error.code !== 404) {
          throw error;
        }
        await this.api.createNamespacedSecret({ namespace, body });
      }
    } catch (error) {
      throw sanitized(error, target);
    }
    return { location: this.describe(target) };
  }

  /** A merge patch of the Secret; fails (404) when the Secret does not exist. */
  async update(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    try {
      await this.api.patchNamespacedSecret(
        {
          name: target.secretName,
          namespace: target.namespace,
          body: secretPatch(target, data),
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (error) {
      throw sanitized(error, target);
    }
    return { location: this.describe(target) };
  }
}

/**
 * The client's errors carry the whole response; keep only the status and the API server's
 * message so nothing unexpected ends up in logs or the request's failure reason.
 */
function sanitized(error: unknown, target: SecretSinkTarget): Error {
  if (error instanceof ApiException) {
    const message = statusMessage(error.body);
    return new Error(
      `Kubernetes refused to write Secret ${target.namespace}/${
        target.secretName
      }: HTTP ${error.code}${message ? ` ${message}` : ''}`,
    );
  }
  return new Error(
    `Could not reach Kubernetes to write Secret ${target.namespace}/${
      target.secretName
    }: ${error instanceof Error ? error.message : String(error)}`,
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
