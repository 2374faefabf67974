import { InputError } from '@backstage/errors';
import {
  SecretSink,
  SecretSinkTarget,
} from '@camunda-entra/plugin-camunda-entra-node';

/** Keeps what was written, and can be told to fail or hang to simulate a crash. */
export class MemorySecretSink implements SecretSink {
  readonly written = new Map<string, Record<string, string>>();
  /** Namespaces checkTarget refuses, as a sink restricted to some namespaces would. */
  readonly refusedNamespaces = new Set<string>();
  /** Called before each write; throw or never resolve to simulate trouble. */
  beforeWrite: (target: SecretSinkTarget) => Promise<void> = async () => {};

  /** Makes writes hang, as in a backend killed mid-write; resolves once one is reached. */
  hangWrites(): Promise<void> {
    return new Promise(reached => {
      this.beforeWrite = () => {
        reached();
        return new Promise(() => {});
      };
    });
  }

  describe(target: SecretSinkTarget): string {
    return `memory ${target.namespace}/${target.secretName}`;
  }

  locate(target: SecretSinkTarget, key: string): string {
    return `key ${key} of ${this.describe(target)}`;
  }

  async read(target: SecretSinkTarget, key: string) {
    return this.written.get(`${target.namespace}/${target.secretName}`)?.[key];
  }

  checkTarget(target: SecretSinkTarget): void {
    if (this.refusedNamespaces.has(target.namespace)) {
      throw new InputError(
        `namespace: the memory sink may not write to namespace ${target.namespace}`,
      );
    }
  }

  async write(target: SecretSinkTarget, data: Record<string, string>) {
    this.checkTarget(target);
    await this.beforeWrite(target);
    this.written.set(`${target.namespace}/${target.secretName}`, { ...data });
    return { location: this.describe(target) };
  }

  /** Like the Kubernetes sink: merges into an existing secret, fails without one. */
  async update(target: SecretSinkTarget, data: Record<string, string>) {
    this.checkTarget(target);
    await this.beforeWrite(target);
    const key = `${target.namespace}/${target.secretName}`;
    const existing = this.written.get(key);
    if (!existing) {
      throw new Error(`No secret ${key} to update`);
    }
    this.written.set(key, { ...existing, ...data });
    return { location: this.describe(target) };
  }
}
