import { posix } from 'node:path';
import { parse } from 'yaml';
import { DeliveredSecrets } from './delivery';
import { StepFailure } from './failure';

/** The parts of a rendered Kubernetes object the extractors read. */
export interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  data?: Record<string, string>;
  spec?: any;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}

interface Container {
  name: string;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string }>;
}

/** One container: its environment variables and the files mounted into it. */
export class RenderedContainer {
  constructor(
    private readonly chart: RenderedChart,
    readonly workload: string,
    private readonly container: Container,
    private readonly volumes: Array<{
      name: string;
      configMap?: { name: string };
    }>,
    private readonly secrets: DeliveredSecrets,
  ) {}

  /**
   * An environment variable's value as the container sees it (`env` over `envFrom`); a
   * `secretKeyRef` is read from the delivered Secret and fails when it is not there, as the
   * pod would fail to start.
   */
  env(name: string): string | undefined {
    const variable = [...(this.container.env ?? [])]
      .reverse()
      .find(e => e.name === name);
    if (variable) {
      const from = variable.valueFrom;
      if (from?.secretKeyRef) {
        return this.secrets.read(
          from.secretKeyRef,
          `${this.workload} env ${name}`,
        );
      }
      if (from?.configMapKeyRef) {
        return this.chart.configMap(from.configMapKeyRef.name)?.[
          from.configMapKeyRef.key
        ];
      }
      return variable.value;
    }
    for (const source of [...(this.container.envFrom ?? [])].reverse()) {
      const data = source.configMapRef
        ? this.chart.configMap(source.configMapRef.name)
        : undefined;
      if (data && name in data) {
        return data[name];
      }
    }
    return undefined;
  }

  /** Every environment variable name set directly or through `envFrom`. */
  envNames(): string[] {
    const direct = (this.container.env ?? []).map(e => e.name);
    const fromConfigMaps = (this.container.envFrom ?? []).flatMap(source =>
      Object.keys(
        (source.configMapRef &&
          this.chart.configMap(source.configMapRef.name)) ??
          {},
      ),
    );
    return [...new Set([...direct, ...fromConfigMaps])];
  }

  /** The text of a file mounted from a ConfigMap, undefined when nothing is mounted there. */
  file(path: string): string | undefined {
    for (const mount of this.container.volumeMounts ?? []) {
      const configMap = this.volumes.find(
        v => v.name === mount.name,
      )?.configMap;
      if (!configMap) {
        continue;
      }
      const data = this.chart.configMap(configMap.name);
      if (mount.subPath !== undefined && mount.mountPath === path) {
        return data?.[mount.subPath];
      }
      if (
        mount.subPath === undefined &&
        posix.dirname(path) === mount.mountPath.replace(/\/+$/, '')
      ) {
        return data?.[posix.basename(path)];
      }
    }
    return undefined;
  }

  /** A mounted YAML file, parsed; a missing one fails the `configuration` step. */
  yamlFile(path: string): Record<string, any> {
    const text = this.file(path);
    if (text === undefined) {
      throw new StepFailure(
        'configuration',
        `${this.workload} has no file ${path} mounted`,
      );
    }
    return parse(text) ?? {};
  }
}

/**
 * The manifests `helm template` rendered for one release, read as the cluster would run them:
 * a container's environment resolved through ConfigMaps and the delivered Secrets, its files
 * through its ConfigMap volume mounts.
 */
export class RenderedChart {
  constructor(
    readonly manifests: Manifest[],
    readonly release: string,
    private readonly secrets: DeliveredSecrets,
  ) {}

  /** A ConfigMap's data by name, undefined when the chart did not render it. */
  configMap(name: string): Record<string, string> | undefined {
    return this.manifests.find(
      m => m.kind === 'ConfigMap' && m.metadata?.name === name,
    )?.data;
  }

  /** The first container of a Deployment or StatefulSet, undefined when not rendered. */
  container(workload: string): RenderedContainer | undefined {
    const manifest = this.manifests.find(
      m =>
        (m.kind === 'Deployment' || m.kind === 'StatefulSet') &&
        m.metadata?.name === workload,
    );
    const pod = manifest?.spec?.template?.spec;
    const container: Container | undefined = pod?.containers?.[0];
    return container
      ? new RenderedContainer(
          this,
          workload,
          container,
          pod.volumes ?? [],
          this.secrets,
        )
      : undefined;
  }
}
