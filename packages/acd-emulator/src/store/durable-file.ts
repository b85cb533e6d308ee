import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Flush a written file's bytes to the disk. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flush a directory, so a rename or a new name in it survives a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
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
  await syncDir(dirname(path));
}
