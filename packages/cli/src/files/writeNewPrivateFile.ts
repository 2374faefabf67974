import { open } from 'node:fs/promises';
import path from 'node:path';

/**
 * Makes a file's directory entry durable (its creation or removal), where the platform lets
 * a directory be opened (not on Windows, whose file systems need no such step).
 */
async function syncDirectory(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(path.dirname(path.resolve(file)), 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `file` with `text`, mode 0600 from its creation, refusing to overwrite one, and
 * returns once both its content and its directory entry are on disk.
 */
export async function writeNewPrivateFile(
  file: string,
  text: string,
): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncDirectory(file);
}
