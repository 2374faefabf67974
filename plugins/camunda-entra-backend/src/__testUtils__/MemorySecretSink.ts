import { SecretSink, SecretSinkTarget } from '../sinks';

/** Keeps what was written, and can be told to fail or hang to simulate a crash. */
export class MemorySecretSink implements SecretSink {
  readonly written = new Map<string, Record<string, string>>();
  /** Called before each write; throw or never resolve to simulate trouble. */
  beforeWrite: (target: SecretSinkTarget) => Promise<void> = async () => {};

  describe(target: SecretSinkTarget): string {
    return `memory ${target.namespace}/${target.secretName}`;
  }

  async write(target: SecretSinkTarget, data: Record<string, string>) {
    await this.beforeWrite(target);
    this.written.set(`${target.namespace}/${target.secretName}`, { ...data });
    return { location: this.describe(target) };
  }
}
