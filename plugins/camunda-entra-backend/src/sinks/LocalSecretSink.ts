import { chmod, mkdir, rename, writeFile } from 'fs/promises';
import path from 'path';
import { Document } from 'yaml';
import { SecretSink, SecretSinkTarget } from './SecretSink';
import { secretManifest, secretPatch } from './secretManifest';

/**
 * Writes each request's secrets as a Kubernetes Secret manifest into a file only the backend's
 * user can read, for someone to `kubectl apply`. The default for laptops and the sandbox.
 *
 * @public
 */
export class LocalSecretSink implements SecretSink {
  static create(options: { directory: string }): LocalSecretSink {
    return new LocalSecretSink(path.resolve(options.directory));
  }

  private constructor(private readonly directory: string) {}

  describe(target: SecretSinkTarget): string {
    return `Kubernetes Secret manifest ${target.namespace}/${
      target.secretName
    } in the file ${this.file(
      target,
    )} on the portal's host (mode 0600), to apply with kubectl apply -f`;
  }

  async write(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    const file = this.file(target);
    await this.save(file, secretManifest(target, data), [
      ` Client secrets of the Camunda deployment ${target.deployment} (request ${target.requestId}).`,
      ` Apply with:  kubectl apply -f ${file}`,
      ' then delete this file. Never commit it.',
    ]);
    return { location: `file ${file} (kubectl apply -f ${file})` };
  }

  /** A merge patch in a file of its own, to apply with kubectl patch. */
  async update(
    target: SecretSinkTarget,
    data: Record<string, string>,
  ): Promise<{ location: string }> {
    const file = this.file(target);
    const command = `kubectl patch secret ${target.secretName} -n ${target.namespace} --type merge --patch-file ${file}`;
    await this.save(file, secretPatch(target, data), [
      ` New client secrets of the Camunda deployment ${target.deployment} (request ${target.requestId}),`,
      ` to merge into the Secret ${target.namespace}/${target.secretName}, keeping its other keys:`,
      `   ${command}`,
      ' then delete this file. Never commit it.',
    ]);
    return { location: `file ${file} (${command})` };
  }

  private async save(file: string, content: unknown, comment: string[]) {
    const document = new Document(content);
    document.commentBefore = comment.join('\n');

    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // Written under a temporary name and renamed, so a crash never leaves half a manifest.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, document.toString(), { mode: 0o600 });
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
