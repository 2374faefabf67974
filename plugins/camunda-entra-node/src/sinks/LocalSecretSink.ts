import { chmod, mkdir, readFile, rename, writeFile } from 'fs/promises';
import { toYamlFile } from '../values/yamlFile';
import path from 'path';
import { parse } from 'yaml';
import {
  SecretSink,
  SecretSinkOperation,
  SecretSinkTarget,
} from './SecretSink';
import { secretManifest, secretPatch } from './secretManifest';
import { checkNamespaceName } from './targetNamespace';

/**
 * Writes each request's secrets into a file only the backend's user can read, for someone to
 * apply: a Kubernetes Secret manifest (`kubectl apply`) for a registration, a merge patch of
 * that Secret (`kubectl patch`) for a rotation. The default for laptops and the sandbox.
 *
 * @public
 */
export class LocalSecretSink implements SecretSink {
  static create(options: { directory: string }): LocalSecretSink {
    return new LocalSecretSink(path.resolve(options.directory));
  }

  private constructor(private readonly directory: string) {}

  describe(target: SecretSinkTarget, operation: SecretSinkOperation): string {
    const file = this.file(target);
    const content =
      operation === 'update'
        ? `Merge patch of the Kubernetes Secret ${target.namespace}/${target.secretName}`
        : `Kubernetes Secret manifest ${target.namespace}/${target.secretName}`;
    return `${content} in the file ${file} on the portal's host (mode 0600), to apply with ${this.command(
      target,
      operation,
    )}`;
  }

  /** Someone applied the request's file to the cluster, then deleted it. */
  locate(target: SecretSinkTarget, key: string): string {
    return `key ${key} of the Kubernetes Secret ${target.namespace}/${
      target.secretName
    }, applied from the file ${this.file(target)}`;
  }

  /**
   * The key from the request's file, while it is still there: once someone applied and deleted
   * it, the portal cannot see the key any more.
   */
  async read(
    target: SecretSinkTarget,
    key: string,
  ): Promise<string | undefined> {
    const file = this.file(target);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    let content;
    try {
      content = parse(text, { version: '1.1' });
    } catch {
      // The parser's message quotes the file's lines, secrets included.
      throw new Error(`The secret file ${file} is not valid YAML any more`);
    }
    // Manifests and patches both carry the keys in stringData.
    const value = content?.stringData?.[key];
    return typeof value === 'string' ? value : undefined;
  }

  /** Someone else applies the file, so any namespace name will do. */
  checkTarget(target: SecretSinkTarget): void {
    checkNamespaceName(target.namespace);
  }

  async write(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    const file = this.file(target);
    const command = this.command(target, 'write');
    await this.save(file, secretManifest(target, data), [
      `Client secrets of the Camunda deployment ${target.deployment} (request ${target.requestId}).`,
      `Apply with:  ${command}`,
      'then delete this file. Never commit it.',
    ]);
    return { location: `file ${file} (${command})` };
  }

  /** A merge patch in a file of its own, to apply with kubectl patch. */
  async update(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    this.checkTarget(target);
    const file = this.file(target);
    const command = this.command(target, 'update');
    await this.save(file, secretPatch(target, data), [
      `New client secrets of the Camunda deployment ${target.deployment} (request ${target.requestId}),`,
      `to merge into the Secret ${target.namespace}/${target.secretName}, keeping its other keys:`,
      `  ${command}`,
      'then delete this file. Never commit it.',
    ]);
    return { location: `file ${file} (${command})` };
  }

  /** What the operator runs to apply the file `operation` leaves. */
  private command(target: SecretSinkTarget, operation: SecretSinkOperation) {
    const file = this.file(target);
    return operation === 'update'
      ? `kubectl patch secret ${target.secretName} -n ${target.namespace} --type merge --patch-file ${file}`
      : `kubectl apply -f ${file}`;
  }

  /** YAML 1.1 as kubectl reads it, so a namespace such as `no` stays a string. */
  private async save(file: string, content: unknown, comment: string[]) {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // Written under a temporary name and renamed, so a crash never leaves half a manifest.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, toYamlFile(content, comment.join('\n')), {
      mode: 0o600,
    });
    await chmod(partial, 0o600);
    await rename(partial, file);
  }

  private file(target: SecretSinkTarget): string {
    return path.join(
      this.directory,
      `${target.deployment}-${target.requestId}.yaml`,
    );
  }
}
