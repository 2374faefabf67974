import fs from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import git, { TreeEntry } from 'isomorphic-git';
import { GeneratedFile } from '../values';

/**
 * Author of a commit to a local repository.
 *
 * @public
 */
export interface LocalCommitAuthor {
  name: string;
  email: string;
}

/**
 * Whether `dir` holds a Git repository.
 *
 * @public
 */
export function isLocalRepository(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}

/**
 * Commits the content of `source` to the checked-out branch of the repository in `dir`,
 * created with `defaultBranch` when absent. The commit mirrors `source`: files that are gone
 * from it are deleted, and the work tree holds the new content.
 *
 * @public
 */
export async function publishDirectory(options: {
  dir: string;
  source: string;
  defaultBranch: string;
  message: string;
  author: LocalCommitAuthor;
}): Promise<{ commitHash: string; created: boolean }> {
  const { dir, source } = options;
  await mkdir(dir, { recursive: true });
  const created = !isLocalRepository(dir);
  if (created) {
    await git.init({ fs, dir, defaultBranch: options.defaultBranch });
  }
  for (const entry of await readdir(dir)) {
    if (entry !== '.git') {
      await rm(path.join(dir, entry), { recursive: true, force: true });
    }
  }
  await cp(source, dir, {
    recursive: true,
    filter: file => path.basename(file) !== '.git',
  });
  for (const [filepath, , workdir] of await git.statusMatrix({ fs, dir })) {
    if (workdir === 0) {
      await git.remove({ fs, dir, filepath });
    } else {
      await git.add({ fs, dir, filepath });
    }
  }
  const commitHash = await git.commit({
    fs,
    dir,
    message: options.message,
    author: options.author,
  });
  return { commitHash, created };
}

/**
 * Replaces the content of `branch` in the repository in `dir` with `files` in one commit,
 * without touching the work tree or the checked-out branch. An absent branch starts from the
 * checked-out (default) branch. Nothing is committed when the branch already has exactly
 * these files, so a retry changes nothing.
 *
 * @public
 */
export async function commitFilesToBranch(options: {
  dir: string;
  branch: string;
  files: GeneratedFile[];
  message: string;
  author: LocalCommitAuthor;
}): Promise<{ commitHash: string; changed: boolean }> {
  const { dir, branch } = options;
  const ref = `refs/heads/${branch}`;
  const existing = await git
    .resolveRef({ fs, dir, ref })
    .catch(error =>
      error instanceof git.Errors.NotFoundError
        ? undefined
        : Promise.reject(error),
    );
  const base = existing ?? (await git.resolveRef({ fs, dir, ref: 'HEAD' }));
  const tree = await writeFiles(dir, options.files);
  if ((await git.readCommit({ fs, dir, oid: base })).commit.tree === tree) {
    if (!existing) {
      await git.branch({ fs, dir, ref: branch, object: base });
    }
    return { commitHash: base, changed: false };
  }
  const commitHash = await git.commit({
    fs,
    dir,
    ref,
    parent: [base],
    tree,
    message: options.message,
    author: options.author,
  });
  return { commitHash, changed: true };
}

/** Writes the files as blobs and trees; the oid of the root tree. */
async function writeFiles(
  dir: string,
  files: GeneratedFile[],
): Promise<string> {
  const here = new Map<string, GeneratedFile[]>();
  const entries: TreeEntry[] = [];
  for (const file of files) {
    const [first, ...rest] = file.path.split('/');
    if (rest.length === 0) {
      const oid = await git.writeBlob({
        fs,
        dir,
        blob: Buffer.from(file.content, 'utf8'),
      });
      entries.push({ mode: '100644', path: first, oid, type: 'blob' });
    } else {
      here.set(first, [
        ...(here.get(first) ?? []),
        { path: rest.join('/'), content: file.content },
      ]);
    }
  }
  for (const [name, children] of here) {
    const oid = await writeFiles(dir, children);
    entries.push({ mode: '040000', path: name, oid, type: 'tree' });
  }
  return git.writeTree({ fs, dir, tree: entries });
}
