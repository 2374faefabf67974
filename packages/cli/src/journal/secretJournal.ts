import { InputError } from '@backstage/errors';
import { DeploymentClientKey } from '@camunda-entra/plugin-camunda-entra-common';
import { constants } from 'node:fs';
import { FileHandle, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeNewPrivateFile } from '../files/writeNewPrivateFile';

/** A client secret as the journal keeps it: with its text, which Entra returns only once. */
export interface JournaledSecret {
  client: DeploymentClientKey;
  objectId: string;
  keyId: string;
  endDateTime: string;
  secretText: string;
}

/** Which run a journal belongs to. */
export interface JournalOwner {
  tenantId: string;
  deployment: string;
}

type JournalLine =
  | ({ journal: 'camunda-entra register'; startedAt: string } & JournalOwner)
  | { existing: { objectId: string; keyIds: string[] } }
  | { secret: JournaledSecret };

function notPrivate(file: string, problem: string) {
  return new InputError(
    `journal: ${file} is not a private file (${problem}); register writes secrets only to a journal it created with mode 0600`,
  );
}

/**
 * Opens an existing journal and checks the file it opened rather than the path, which another
 * local user could swap between a check and the open: no symbolic link is followed, and the
 * file must be a regular one of this user that nobody else can read (POSIX). Undefined when
 * there is no journal.
 */
async function openJournal(
  file: string,
  flags: number,
): Promise<FileHandle | undefined> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: a FIFO put in the journal's place must not hang the run.
    handle = await open(
      file,
      flags | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return undefined;
    }
    if (code === 'ELOOP') {
      throw notPrivate(file, 'a symbolic link');
    }
    throw error;
  }
  const stats = await handle.stat();
  let problem: string | undefined;
  if (!stats.isFile()) {
    problem = 'not a regular file';
  } else if (process.platform !== 'win32') {
    if (stats.uid !== process.getuid?.()) {
      problem = `owned by user ${stats.uid}`;
    } else if ((stats.mode & 0o077) !== 0) {
      problem = `mode 0${(stats.mode & 0o777).toString(8)}`;
    }
  }
  if (problem) {
    await handle.close();
    throw notPrivate(file, problem);
  }
  return handle;
}

/**
 * Where `register` keeps its journal unless `--journal` names a file: beside `--secrets-out`,
 * named by the deployment, so that a re-run with another secrets file there finds it.
 */
export function defaultJournalPath(
  secretsOut: string,
  deployment: string,
): string {
  return path.join(
    path.dirname(path.resolve(secretsOut)),
    `.camunda-entra-${deployment}.journal`,
  );
}

function parse(file: string, text: string, owner: JournalOwner) {
  const lines = text.split('\n').filter(line => line.trim() !== '');
  const parsed: JournalLine[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      parsed.push(JSON.parse(line));
    } catch {
      // A process killed while appending leaves its last line cut short; nothing else may be.
      if (index < lines.length - 1) {
        throw new InputError(
          `journal: ${file} is damaged at line ${index + 1}`,
        );
      }
    }
  }
  const [header] = parsed;
  if (
    !header ||
    !('journal' in header) ||
    header.tenantId.toLowerCase() !== owner.tenantId.toLowerCase() ||
    header.deployment !== owner.deployment
  ) {
    throw new InputError(
      `journal: ${file} is not a journal of deployment ${owner.deployment} in tenant ${owner.tenantId}`,
    );
  }
  return parsed;
}

/** A line cut short by a kill would swallow the next one appended to it: drop it first. */
async function dropCutLine(handle: FileHandle, bytes: Buffer): Promise<void> {
  const whole = bytes.lastIndexOf(0x0a) + 1;
  if (whole < bytes.length) {
    await handle.truncate(whole);
  }
}

/**
 * The private journal of `camunda-entra register` (JSON lines, mode 0600): the secrets of its
 * own naming each application had before the run added any, and every secret text the moment
 * Entra returns it. A run that is killed leaves it behind; the next run resumes it: it
 * delivers the secrets it holds and knows which of its own secrets nobody has the text of.
 * Deleted once the secrets are in the secrets file.
 */
export class SecretJournal {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly lines: JournalLine[],
    /** Whether an earlier, interrupted run left it. */
    readonly resumed: boolean,
  ) {}

  /** The journal in `file`, or undefined when there is none; never creates one (dry runs). */
  static async read(
    file: string,
    owner: JournalOwner,
  ): Promise<SecretJournal | undefined> {
    return SecretJournal.resume(file, owner, constants.O_RDONLY);
  }

  /**
   * Resumes the journal in `file`, or starts one there. Secret texts are appended only to a
   * regular file nobody else can read, as the journal is created.
   */
  static async open(file: string, owner: JournalOwner): Promise<SecretJournal> {
    const existing = await SecretJournal.resume(
      file,
      owner,
      constants.O_RDWR,
      dropCutLine,
    );
    if (existing) {
      return existing;
    }
    const header: JournalLine = {
      journal: 'camunda-entra register',
      ...owner,
      startedAt: new Date().toISOString(),
    };
    const journal = new SecretJournal(file, [header], false);
    await writeNewPrivateFile(file, `${JSON.stringify(header)}\n`);
    return journal;
  }

  /** The journal an earlier run left in `file`, read from the checked file; undefined when none. */
  private static async resume(
    file: string,
    owner: JournalOwner,
    flags: number,
    repair?: (handle: FileHandle, bytes: Buffer) => Promise<void>,
  ): Promise<SecretJournal | undefined> {
    const handle = await openJournal(file, flags);
    if (!handle) {
      return undefined;
    }
    try {
      const bytes = await handle.readFile();
      const journal = new SecretJournal(
        file,
        parse(file, bytes.toString('utf8'), owner),
        true,
      );
      await repair?.(handle, bytes);
      return journal;
    } finally {
      await handle.close();
    }
  }

  /** Own secrets an application had before the journal's first run added any, if recorded. */
  existingKeyIds(objectId: string): string[] | undefined {
    for (const line of this.lines) {
      if ('existing' in line && line.existing.objectId === objectId) {
        return line.existing.keyIds;
      }
    }
    return undefined;
  }

  secretsOf(objectId: string): JournaledSecret[] {
    return this.lines.flatMap(line =>
      'secret' in line && line.secret.objectId === objectId
        ? [line.secret]
        : [],
    );
  }

  async recordExisting(objectId: string, keyIds: string[]): Promise<void> {
    await this.append({ existing: { objectId, keyIds } });
  }

  async recordSecret(secret: JournaledSecret): Promise<void> {
    const { client, objectId, keyId, endDateTime, secretText } = secret;
    await this.append({
      secret: { client, objectId, keyId, endDateTime, secretText },
    });
  }

  async delete(): Promise<void> {
    await this.writing;
    await rm(this.file, { force: true });
  }

  /** Appends in order, each line on disk before the call returns. */
  private append(line: JournalLine): Promise<void> {
    this.lines.push(line);
    this.writing = this.writing.then(() => this.write(line));
    return this.writing;
  }

  private async write(line: JournalLine) {
    const handle = await openJournal(
      this.file,
      constants.O_WRONLY | constants.O_APPEND,
    );
    if (!handle) {
      throw new Error(`journal: ${this.file} was removed during the run`);
    }
    try {
      await handle.appendFile(`${JSON.stringify(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
