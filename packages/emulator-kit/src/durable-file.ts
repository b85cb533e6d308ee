import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Flush a file's bytes, or a directory's names (so a rename in it survives a
 * crash), to the disk. A read-only handle is enough for fsync on POSIX.
 */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replace `path` with `text` so that after a crash it holds either the old or
 * the new text in full: written to `tmp`, flushed, renamed over, and the
 * directory flushed.
 */
export async function writeFileDurably(path: string, tmp: string, text: string): Promise<void> {
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncPath(dirname(path));
}
