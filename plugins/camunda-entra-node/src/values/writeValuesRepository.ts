import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { GeneratedRepository } from './generateValuesRepository';

/**
 * Why a directory cannot receive a generated repository (it exists and is not an empty
 * directory), or undefined when it can.
 *
 * @public
 */
export async function outputDirectoryProblem(
  dir: string,
): Promise<string | undefined> {
  let stats;
  try {
    stats = await stat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  if (!stats.isDirectory()) {
    return `${dir} exists and is not a directory`;
  }
  if ((await readdir(dir)).length > 0) {
    return `${dir} is not empty; choose a new or empty directory`;
  }
  return undefined;
}

/**
 * Writes a generated repository to `dir`, which must be absent or empty. All or nothing:
 * the files go to a temporary directory beside `dir`, which is then renamed into place.
 *
 * @public
 */
export async function writeValuesRepository(
  dir: string,
  repository: GeneratedRepository,
): Promise<void> {
  const target = resolve(dir);
  const problem = await outputDirectoryProblem(target);
  if (problem) {
    throw new InputError(problem);
  }
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(resolve(parent, `.${basename(target)}.tmp-`));
  try {
    for (const file of repository.files) {
      const path = resolveSafeChildPath(staging, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, { flag: 'wx' });
    }
    // rename(2) replaces an empty directory, and fails if something appeared there meanwhile.
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
